//! `hactl completion SHELL`: the static completion script of one shell.

use crate::commands::error::{CommandError, CommandResult};
use crate::commands::{Cli, ErrorFormat};
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

impl ErrorFormat for CompletionArgs {
    fn json_errors(&self) -> bool {
        false
    }
}

/// Prints the static completion script of one shell.
pub fn run(ui: &mut Ui, args: &CompletionArgs) -> CommandResult {
    let mut buffer = Vec::new();
    // Installed as `patronictl`, the script completes `patronictl`.
    let mut command = Cli::command();
    let name = command.get_bin_name().unwrap_or("hactl").to_owned();
    clap_complete::generate(args.shell, &mut command, name, &mut buffer);
    let script = String::from_utf8(buffer).map_err(|e| CommandError::failed(e.to_string()))?;
    Ok(ui.out(&script)?)
}
