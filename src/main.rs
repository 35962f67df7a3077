//! The `hactl` binary: parse, run one command, map the outcome to an exit code.

mod commands;
mod complete;
mod ui;

use clap::{CommandFactory, Parser};
use commands::command_context::CommandContext;
use commands::error::CommandResult;
use commands::{Cli, Command};
use std::process::ExitCode;
use ui::Ui;

fn main() -> ExitCode {
    complete::complete_if_requested(Cli::command);
    // After `query`, -c/-d are --command/--dbname (patronictl's), not the global options.
    let Cli { global, command } = Cli::parse_from(commands::query::rewrite_query_args(std::env::args_os().collect()));
    let mut ui = Ui::new(global.color);
    let mut ctx = CommandContext::new(global);
    match run(&command, &mut ui, &mut ctx) {
        Ok(()) => ExitCode::SUCCESS,
        // `hactl list | head -1`: the reader went away, which is not a failure.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        // `check` printed its status line already; its exit code is the Nagios state.
        Err(e) if let Some(code) = e.reported_exit() => ExitCode::from(code),
        Err(e) => {
            let kind = e.kind();
            ui.error(&e.to_string(), kind, command.json_errors());
            ExitCode::from(kind.exit_code())
        }
    }
}

fn run(command: &Command, ui: &mut Ui, ctx: &mut CommandContext) -> CommandResult {
    // One command at a time needs no thread pool; a current-thread runtime starts fastest.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(command.run(ui, ctx))
}
