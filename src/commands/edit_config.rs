//! `hactl edit-config [CLUSTER]`: the dynamic configuration in the DCS, edited as patronictl
//! does (flags, files, or $EDITOR), written with a compare-and-swap.

use crate::commands::ErrorFormat;
use crate::commands::args::{ClusterArg, ForceArg, GroupArg};
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::ui::Ui;
use clap::Args;
use colored::Colorize;
use hactl::dynamic_config::{self, EditSources};
use std::io::Read;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl edit-config demo -p max_connections=200 --force
  hactl edit-config demo -s loop_wait=5 -s postgresql.parameters.work_mem=null
  hactl edit-config demo --apply changes.yml --force
  hactl show-config demo > config.yml && vi config.yml && hactl edit-config demo --replace config.yml
  hactl edit-config demo            # in $EDITOR, with a diff and a confirmation

The write is a compare-and-swap: when the configuration changed after hactl read it, nothing is
written and hactl exits 3.")]
pub struct EditConfigArgs {
    #[command(flatten)]
    pub cluster: ClusterArg,
    #[command(flatten)]
    pub group: GroupArg,
    /// Do not show changes
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Set specific configuration value. Can be specified multiple times
    #[arg(short = 's', long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Set specific PostgreSQL parameter value. Shorthand for -s postgresql.parameters. Can be
    /// specified multiple times
    #[arg(short = 'p', long = "pg", value_name = "PARAM=VALUE")]
    pub pg: Vec<String>,
    /// Apply configuration from file. Use - for stdin.
    #[arg(long, value_name = "FILE")]
    pub apply: Option<String>,
    /// Apply configuration from file, replacing existing configuration. Use - for stdin.
    #[arg(long, value_name = "FILE")]
    pub replace: Option<String>,
    #[command(flatten)]
    pub force: ForceArg,
}

impl ErrorFormat for EditConfigArgs {
    fn json_errors(&self) -> bool {
        false
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &EditConfigArgs) -> CommandResult {
    let force = args.force.given;
    let from_stdin = |f: &Option<String>| f.as_deref() == Some("-");
    let stdin_mode = from_stdin(&args.apply) || from_stdin(&args.replace);
    if from_stdin(&args.apply) && from_stdin(&args.replace) {
        return Err(CommandError::usage("--apply - and --replace - cannot both read standard input"));
    }
    // With the configuration on stdin, patronictl never asks: without --force it only shows the diff.
    if !force && !stdin_mode && !ui.can_prompt() {
        return Err(CommandError::usage("edit-config asks for confirmation and no terminal is attached: pass --force"));
    }
    let name = ctx.cluster_name(&args.cluster.cluster_name)?;
    let read = ctx.read_cluster_group(&name, args.group.value).await?;
    let config = dynamic_config::current_config(&read)?;
    if let Some(unreadable) = &config.unreadable {
        ui.warn(&unreadable.edited_as_empty());
    }
    let before = dynamic_config::format_for_editing(&config.data);

    // Files (and stdin) are read only now, after the configuration: what they are applied to is
    // the configuration as read, and the write checks it has not changed since.
    let sources =
        EditSources { replace: read_source(&args.replace)?, apply: read_source(&args.apply)?, pairs: Vec::new() }
            .with_pairs(&args.set, &args.pg);
    let edited = match dynamic_config::apply_sources(&config.data, &sources)? {
        Some(edited) => edited,
        None => {
            let env = |k: &str| std::env::var(k).ok();
            let editor = dynamic_config::find_editor(env("EDITOR").as_deref(), env("PATH").as_deref())?;
            let text = dynamic_config::invoke_editor(&editor, &before, &name)?;
            dynamic_config::parse_edited("the edited configuration", &text)?
        }
    };

    if config.unchanged_by(&edited) {
        if !args.quiet {
            ui.out("Not changed\n")?;
        }
        return Ok(());
    }
    if !args.quiet {
        show_diff(ui, &before, &edited.after_text)?;
    }
    if stdin_mode && !force {
        ui.out("Use --force option to apply changes\n")?;
        return Err(CommandError::usage(
            "nothing was changed: with the configuration on standard input there is nobody to answer a prompt; pass --force",
        ));
    }
    if !force && !ui.confirm("Apply these changes?")? {
        return Err(CommandError::failed("Aborted: the configuration was not changed"));
    }
    dynamic_config::write_config(ctx.dcs().await?, &read, &config, &edited.data).await?;
    ui.out("Configuration changed\n")?;
    if let Some(unreadable) = &config.unreadable {
        ui.status(&unreadable.replaced());
    }
    Ok(())
}

/// The text of `--apply`/`--replace`: a file, or standard input for `-`.
fn read_source(file: &Option<String>) -> CommandResult<Option<(String, String)>> {
    let Some(file) = file else { return Ok(None) };
    if file == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        return Ok(Some(("standard input".into(), text)));
    }
    let text = std::fs::read_to_string(file)
        .map_err(|source| dynamic_config::DynConfigError::Read { path: file.into(), source })?;
    Ok(Some((file.clone(), text)))
}

/// `show_diff`: the unified diff, coloured when colour is on (patronictl colours it through a
/// pager on a terminal; hactl prints it directly).
fn show_diff(ui: &mut Ui, before: &str, after: &str) -> CommandResult {
    let mut text = String::new();
    for line in dynamic_config::unified_diff(before, after) {
        let shown = if !ui.color() {
            line
        } else if line.starts_with("---") || line.starts_with("+++") {
            line.bold().to_string()
        } else if line.starts_with("@@") {
            line.cyan().to_string()
        } else if line.starts_with('-') {
            line.red().to_string()
        } else if line.starts_with('+') {
            line.green().to_string()
        } else {
            line
        };
        text.push_str(&shown);
        text.push('\n');
    }
    Ok(ui.out(&text)?)
}
