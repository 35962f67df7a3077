//! `hactl context list|show|use|current`: the named configurations of the contexts file, as
//! kubectl's `config get-contexts`, `use-context` and `current-context`.

use crate::commands::args::{FormatArg, TableFormat};
use crate::commands::command_context::load_settings_of;
use crate::commands::error::CommandResult;
use crate::commands::{ErrorFormat, GlobalArgs};
use crate::ui::Ui;
use clap::{Args, Subcommand};
use clap_complete::ArgValueCandidates;
use hactl::render::contexts::{self as render, ContextSummary};
use hactl::settings::contexts::{self, Context, Contexts, ContextsError};
use std::collections::BTreeMap;

#[derive(Debug, Subcommand)]
pub enum ContextCommand {
    /// List the contexts: where each points, its scope and etcd, and which is current
    #[command(after_help = "Examples:\n  hactl context list\n  hactl context list -f json")]
    List(ListArgs),
    /// Show one context (the current one by default) as it resolves; secrets only by their source
    #[command(after_help = "Examples:\n  hactl context show\n  hactl context show dr -f json")]
    Show(ShowArgs),
    /// Make NAME the current context (rewrites only the current-context line of the file)
    #[command(after_help = "Examples:\n  hactl context use dr")]
    Use(UseArgs),
    /// Print the current context's name
    #[command(after_help = "Examples:\n  hactl context current")]
    Current,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = TableFormat::Pretty)]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The context (default: the current one)
    #[arg(add = ArgValueCandidates::new(crate::complete::contexts))]
    pub name: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct UseArgs {
    #[arg(add = ArgValueCandidates::new(crate::complete::contexts))]
    pub name: String,
}

impl ErrorFormat for ContextCommand {
    fn json_errors(&self) -> bool {
        match self {
            ContextCommand::List(args) => args.format.is_json(),
            ContextCommand::Show(args) => args.format.is_json(),
            ContextCommand::Use(_) | ContextCommand::Current => false,
        }
    }
}

pub fn run(ui: &mut Ui, global: &GlobalArgs, command: &ContextCommand) -> CommandResult {
    let env: BTreeMap<String, String> = std::env::vars().collect();
    match command {
        ContextCommand::Use(args) => {
            let path = contexts::contexts_path(&env).ok_or(ContextsError::NoPath)?;
            contexts::use_context(&path, &args.name, &env)?;
            ui.out(&format!("Switched to context \"{}\".\n", args.name))?;
            Ok(())
        }
        ContextCommand::Current => {
            let file = contexts::read_existing(&env)?;
            let current = in_use(global, &env, &file).ok_or(ContextsError::NoCurrent { path: file.path.clone() })?;
            ui.out(&format!("{}\n", file.get(&current)?.name))?;
            Ok(())
        }
        ContextCommand::List(args) => {
            let file = contexts::read_existing(&env)?;
            let summaries: Vec<ContextSummary> =
                file.contexts.values().map(|c| summary(global, &file, c, &env)).collect();
            match args.format {
                TableFormat::Json => ui.print_json(&summaries)?,
                format => ui.out(&render::contexts_table(&summaries, format.rows()))?,
            }
            Ok(())
        }
        ContextCommand::Show(args) => {
            let file = contexts::read_existing(&env)?;
            let name = args.name.clone().or_else(|| in_use(global, &env, &file));
            let context = file.get(&name.ok_or(ContextsError::NoCurrent { path: file.path.clone() })?)?;
            let summary = summary(global, &file, context, &env);
            args.format.print(ui, &summary, || render::context_text(&summary))
        }
    }
}

/// The context in use: `--context`, `HACTL_CONTEXT`, else the file's current-context (unless
/// `-c` or `PATRONICTL_CONFIG_FILE` names a configuration file), as every command chooses it.
fn in_use(global: &GlobalArgs, env: &BTreeMap<String, String>, file: &Contexts) -> Option<String> {
    contexts::in_use(global.context.as_deref(), global.config_file.is_some(), env, file)
}

/// A context as it resolves now, its error kept in the summary rather than failing the list.
fn summary(global: &GlobalArgs, file: &Contexts, context: &Context, env: &BTreeMap<String, String>) -> ContextSummary {
    let settings = load_settings_of(global, Some(context), env);
    let mut summary = ContextSummary {
        name: context.name.clone(),
        current: in_use(global, env, file).as_deref() == Some(context.name.as_str()),
        source: context.source_text(),
        scope: None,
        namespace: None,
        etcd: Vec::new(),
        etcd_user: None,
        secrets: context.secret_sources(),
        error: None,
    };
    match settings {
        Ok(settings) => {
            summary.scope = settings.scope;
            summary.namespace = Some(settings.namespace);
            if let Some(etcd) = settings.etcd3 {
                summary.etcd = etcd.urls();
                // A user name given as a secret stays one.
                let secret_user = context.secrets.iter().any(|s| s.key == "etcd3.username");
                summary.etcd_user = etcd.username.map(|user| if secret_user { "******".to_owned() } else { user });
            }
        }
        Err(error) => summary.error = Some(error.to_string()),
    }
    summary
}
