//! What `list --all-contexts` and `status --all-contexts` share: every context's settings (or
//! why it has none), and the failures named after the output, which decide the exit code.

use crate::commands::command_context::{CommandContext, load_settings_of};
use crate::commands::error::{CommandError, CommandResult};
use crate::ui::Ui;
use hactl::error::ErrorKind;
use hactl::settings::Settings;
use hactl::settings::contexts;
use std::collections::BTreeMap;

/// Each context of the contexts file, in name order, with its settings or the error that
/// stopped them. Refuses `-c`, `--context` and `-d`, which would give every context the same.
pub fn settings_of_every_context(
    ui: &mut Ui,
    ctx: &CommandContext,
) -> CommandResult<Vec<(String, CommandResult<Settings>)>> {
    let global = ctx.global();
    let env: BTreeMap<String, String> = std::env::vars().collect();
    let dcs_url = env.get("DCS_URL").is_some_and(|v| !v.is_empty());
    if global.config_file.is_some() || global.context.is_some() || global.dcs_url.is_some() || dcs_url {
        return Err(CommandError::usage(
            "--all-contexts reads each context's own configuration; drop -c/--config-file, --context and \
             -d/--dcs-url (and DCS_URL)",
        ));
    }
    // They apply over every context's configuration, as over any file: say so, since one
    // PATRONI_SCOPE or PATRONI_ETCD3_HOSTS makes every context the same.
    let patroni: Vec<&str> =
        env.iter().filter(|(k, v)| k.starts_with("PATRONI_") && !v.is_empty()).map(|(k, _)| k.as_str()).collect();
    if !patroni.is_empty() {
        ui.warn(&format!("{} set: applied over every context's configuration", patroni.join(", ")));
    }
    let file = contexts::read_existing(&env)?;
    let each = file.contexts.values().map(|c| (c.name.clone(), load_settings_of(global, Some(c), &env)));
    Ok(each.collect())
}

/// Names each context that could not be read (on stderr, after the output) and makes the exit
/// code: the worst kind among them (a bad configuration before an unreachable etcd), unreachable
/// ones forgiven with `--allow-unreachable`.
/// `shown` are the kinds of problems the output itself already shows (a CRITICAL status):
/// they set the exit code without another message.
pub fn finish(
    ui: &mut Ui,
    mut failures: Vec<(String, CommandError)>,
    shown: Vec<ErrorKind>,
    allow_unreachable: bool,
) -> CommandResult {
    failures.sort_by(|a, b| a.0.cmp(&b.0));
    for (site, error) in &failures {
        ui.warn(&of_context(site, error));
    }
    let counts = |kind: &ErrorKind| !(allow_unreachable && *kind == ErrorKind::Unreachable);
    let mut kinds: Vec<ErrorKind> = failures.iter().map(|(_, e)| e.kind()).filter(counts).collect();
    let failed_kinds = kinds.len();
    kinds.extend(shown.into_iter().filter(counts));
    if kinds.is_empty() {
        return Ok(());
    }
    let kind = ErrorKind::of_members(kinds);
    if failed_kinds == 0 {
        return Err(CommandError::reported(kind.exit_code()));
    }
    let names: Vec<&str> = failures.iter().map(|(site, _)| site.as_str()).collect();
    Err(CommandError::new(kind, format!("contexts not read: {}", names.join(", "))))
}

/// `error` as said of the context `name`: `context NAME: ...`, once, whether or not the error
/// already names it.
fn of_context(name: &str, error: &impl std::fmt::Display) -> String {
    let text = error.to_string();
    let prefix = format!("context {name}: ");
    if text.starts_with(&prefix) { text } else { prefix + &text }
}
