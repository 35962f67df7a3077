//! The only thing that writes to the terminal: stdout, stderr, colour (resolved once), and
//! whether a person is there to see a spinner or answer a prompt.

use clap::ValueEnum;
use colored::Colorize;
use hactl::error::ErrorKind;
use serde::Serialize;
use std::io::{self, IsTerminal, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

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
    pub fn can_prompt(&self) -> bool {
        self.stderr_tty
    }

    /// Asks a yes/no question on the terminal (stderr); no unless the answer is yes. Callers
    /// check [`Ui::can_prompt`] first and require `--force` when nobody can answer.
    pub fn confirm(&mut self, question: &str) -> io::Result<bool> {
        dialoguer::Confirm::new().with_prompt(question).default(false).interact().map_err(|e| match e {
            dialoguer::Error::IO(e) => e,
        })
    }

    /// Asks for a line of text on the terminal, with a default for an empty answer.
    pub fn input(&mut self, prompt: &str, default: &str) -> io::Result<String> {
        dialoguer::Input::<String>::new()
            .with_prompt(prompt)
            .default(default.to_string())
            .allow_empty(true)
            .interact_text()
            .map_err(|e| match e {
                dialoguer::Error::IO(e) => e,
            })
    }

    /// Asks for a line of text on the terminal, with no default: an empty answer asks again,
    /// as click's `prompt` without a default does.
    pub fn ask(&mut self, prompt: &str) -> io::Result<String> {
        dialoguer::Input::<String>::new().with_prompt(prompt).interact_text().map_err(|e| match e {
            dialoguer::Error::IO(e) => e,
        })
    }

    /// Asks for a secret on the terminal without echoing it (click's `hide_input=True`).
    pub fn password(&mut self, prompt: &str) -> io::Result<String> {
        dialoguer::Password::new().with_prompt(prompt).allow_empty_password(true).interact().map_err(|e| match e {
            dialoguer::Error::IO(e) => e,
        })
    }

    /// A spinner on stderr for a wait, shown only on a terminal; invisible (and free) in a pipe.
    pub fn spinner(&self, message: &str) -> Spinner {
        if !self.stderr_tty {
            return Spinner(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.set_message(message.to_string());
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        Spinner(Some(bar))
    }

    /// Writes to stdout and flushes; a closed pipe surfaces as `BrokenPipe`, which `main` treats
    /// as success.
    pub fn out(&mut self, text: &str) -> io::Result<()> {
        let mut stdout = io::stdout().lock();
        stdout.write_all(text.as_bytes())?;
        stdout.flush()
    }

    /// Writes `value` as pretty-printed JSON (and a newline) to stdout.
    pub fn print_json(&mut self, value: &impl Serialize) -> io::Result<()> {
        let text = serde_json::to_string_pretty(value)?;
        self.out(&(text + "\n"))
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

/// A running spinner; cleared when dropped.
pub struct Spinner(Option<indicatif::ProgressBar>);

impl Spinner {
    pub fn set_message(&self, message: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(message.to_string());
        }
    }

    /// Prints a progress line above the spinner; like the spinner, nothing in a pipe.
    pub fn println(&self, line: &str) {
        if let Some(bar) = &self.0 {
            bar.println(line);
        }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
