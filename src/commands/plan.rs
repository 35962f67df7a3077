//! `hactl plan show PLAN`: a saved plan in words, for the person who approves it: what will be
//! sent to which cluster, every check and its verdict when it was made, the facts it was made
//! against, and its age.

use crate::commands::ErrorFormat;
use crate::commands::apply::read_saved;
use crate::commands::error::CommandResult;
use crate::ui::Ui;
use chrono::Local;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Show a saved plan (from `switchover`/`failover`/`restart --dry-run -f json`) in words
    #[command(after_help = "Examples:\n  hactl plan show plan.json")]
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The saved plan
    #[arg(value_name = "PLAN")]
    pub file: PathBuf,
}

impl ErrorFormat for PlanCommand {
    fn json_errors(&self) -> bool {
        false
    }
}

pub async fn run(ui: &mut Ui, command: &PlanCommand) -> CommandResult {
    match command {
        PlanCommand::Show(args) => {
            let saved = read_saved(&args.file)?;
            let age = saved.made_against.age_s(Local::now().fixed_offset()).ok();
            ui.out(&hactl::render::switchover::saved_plan_text(&saved, age))?;
            Ok(())
        }
    }
}
