//! `hactl completion SHELL`: the static completion script of one shell.

use crate::commands::context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::commands::{Cli, CommandFuture, RunCommand};
use crate::ui::Ui;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl completion bash > /etc/bash_completion.d/hactl
  hactl completion zsh > ~/.zfunc/_hactl
  source <(COMPLETE=bash hactl)     # also completes cluster and member names from etcd")]
pub struct CompletionArgs {
    /// The shell to print the completion script for
    #[arg(value_enum)]
    pub shell: Shell,
}

impl RunCommand for CompletionArgs {
    fn json_errors(&self) -> bool {
        false
    }

    fn run<'a>(&'a self, ui: &'a mut Ui, _ctx: &'a mut CommandContext) -> CommandFuture<'a> {
        Box::pin(async move { completion(ui, self) })
    }
}

/// Prints the static completion script of one shell.
fn completion(ui: &mut Ui, args: &CompletionArgs) -> CommandResult {
    let mut buffer = Vec::new();
    // Installed as `patronictl`, the script completes `patronictl`.
    let mut command = Cli::command();
    let name = command.get_bin_name().unwrap_or("hactl").to_owned();
    clap_complete::generate(args.shell, &mut command, name, &mut buffer);
    let script = String::from_utf8(buffer).map_err(|e| CommandError::failed(e.to_string()))?;
    Ok(ui.out(&script)?)
}
