//! The hidden `hactl generate`, which writes the committed `completions/` and `man/` (a test
//! fails when they are stale).

use crate::commands::error::CommandResult;
use crate::commands::{Cli, ErrorFormat};
use crate::ui::Ui;
use clap::{Args, CommandFactory, ValueEnum};
use clap_complete::Shell;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The repository root: completions/ and man/ are written below it
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
    /// Print every visible subcommand path, one per line, instead (for the help snapshots)
    #[arg(long)]
    pub list_commands: bool,
}

impl ErrorFormat for GenerateArgs {
    fn json_errors(&self) -> bool {
        false
    }
}

/// Writes every shell's completion script and every man page, replacing what was there.
pub fn run(ui: &mut Ui, args: &GenerateArgs) -> CommandResult {
    if args.list_commands {
        let mut paths = Vec::new();
        collect_paths(&Cli::command(), &mut Vec::new(), &mut paths);
        return Ok(ui.out(&paths.iter().map(|p| p.join(" ") + "\n").collect::<String>())?);
    }
    let completions = args.dir.join("completions");
    let man = args.dir.join("man");
    for dir in [&completions, &man] {
        recreate(dir)?;
    }
    for shell in Shell::value_variants() {
        clap_complete::generate_to(*shell, &mut Cli::command(), "hactl", &completions)?;
    }
    clap_mangen::generate_to(Cli::command(), &man)?;
    ui.status(&format!("wrote {} and {}", completions.display(), man.display()));
    Ok(())
}

fn collect_paths(command: &clap::Command, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        prefix.push(sub.get_name().to_string());
        out.push(prefix.clone());
        collect_paths(sub, prefix, out);
        prefix.pop();
    }
}

fn recreate(dir: &Path) -> std::io::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)
}
