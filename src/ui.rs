//! The only thing that writes to the terminal: stdout, stderr, colour (resolved once), and
//! whether a person is there to see a spinner or answer a prompt.

use clap::ValueEnum;
use colored::Colorize;
use hactl::error::ErrorKind;
use std::io::{self, IsTerminal, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

// `stderr_tty`/`can_prompt` are for the prompts of the commands that follow (`sentinel failover`).
#[allow(dead_code)]
pub struct Ui {
    color: bool,
    stdout_tty: bool,
    stderr_tty: bool,
}

impl Ui {
    /// Resolves colour once: `--color`, then `NO_COLOR`, then `CLICOLOR_FORCE`, then whether
    /// stdout is a terminal. The result is applied to `colored` here and nowhere else.
    pub fn new(choice: ColorChoice) -> Ui {
        let stdout_tty = io::stdout().is_terminal();
        let stderr_tty = io::stderr().is_terminal();
        let env_set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if env_set("NO_COLOR") => false,
            ColorChoice::Auto if std::env::var("CLICOLOR_FORCE").is_ok_and(|v| !v.is_empty() && v != "0") => true,
            ColorChoice::Auto => stdout_tty,
        };
        colored::control::set_override(color);
        Ui { color, stdout_tty, stderr_tty }
    }

    pub fn color(&self) -> bool {
        self.color
    }

    /// Whether a person can answer a prompt (stderr is a terminal).
    #[allow(dead_code)]
    pub fn can_prompt(&self) -> bool {
        self.stderr_tty
    }

    /// Writes to stdout and flushes; a closed pipe surfaces as `BrokenPipe`, which `main` treats
    /// as success.
    pub fn out(&mut self, text: &str) -> io::Result<()> {
        let mut stdout = io::stdout().lock();
        stdout.write_all(text.as_bytes())?;
        stdout.flush()
    }

    /// Clears the screen between refreshes of `-w`/`-W`, only on a terminal (as click.clear does).
    pub fn clear_screen(&mut self) -> io::Result<()> {
        if self.stdout_tty { self.out("\x1b[H\x1b[2J") } else { Ok(()) }
    }

    /// A line on stderr for the person running the command (progress, notes).
    pub fn status(&mut self, text: &str) {
        let _ = writeln!(io::stderr().lock(), "{text}");
    }

    pub fn warn(&mut self, text: &str) {
        let _ = writeln!(io::stderr().lock(), "{} {text}", "Warning:".yellow().bold());
    }

    /// Prints a failed command's error: `Error: ...` as patronictl does, or one JSON object.
    pub fn error(&mut self, message: &str, kind: ErrorKind, json: bool) {
        let mut stderr = io::stderr().lock();
        if json {
            let object = serde_json::json!({
                "error": { "kind": kind.as_str(), "message": message, "exit_code": kind.exit_code() }
            });
            let _ = writeln!(stderr, "{object}");
        } else {
            let _ = writeln!(stderr, "{} {message}", "Error:".red().bold());
        }
    }
}
