//! Dynamic shell completion (`source <(COMPLETE=bash hactl)`): cluster and member names read
//! from the DCS. Completers get no arguments, so they read the words being completed from the
//! process's own command line, as the shell passes them after `--`.

use clap_complete::engine::CompletionCandidate;
use hactl::settings::SettingsInputs;
use hactl::settings::contexts;
use std::collections::BTreeMap;
use std::time::Duration;

/// Completion runs on every Tab: an unreachable etcd must cost little and print nothing.
const COMPLETION_TIMEOUT: Duration = Duration::from_millis(800);

/// Options whose next word is a value, not the cluster name.
const OPTIONS_WITH_VALUES: &[&str] = &[
    "-c",
    "--config-file",
    "-d",
    "--dcs-url",
    "--dcs",
    "--color",
    "--dcs-timeout",
    "--context",
    "--candidate",
    "--leader",
    "--primary",
    "--master",
    "--scheduled",
    "--group",
    "-f",
    "--format",
    "--timeout",
    "-r",
    "--role",
    "-m",
    "--member",
    "-w",
    "--watch",
];

/// Answers a completion request for the command line `cli` makes and exits when `COMPLETE` is
/// set; otherwise returns at once.
pub fn complete_if_requested(cli: fn() -> clap::Command) {
    clap_complete::CompleteEnv::with_factory(cli).complete();
}

/// `--candidate`, `--leader`, `-m` and member arguments: the members of the cluster on the line.
pub fn members() -> Vec<CompletionCandidate> {
    let words: Vec<String> = std::env::args().collect();
    let Some(cluster) = cluster_on_line(&words).or_else(|| settings(&words).and_then(|s| s.scope)) else {
        return Vec::new();
    };
    names(&words, Some(&cluster))
}

/// Cluster arguments: the clusters under the namespace.
pub fn clusters() -> Vec<CompletionCandidate> {
    let words: Vec<String> = std::env::args().collect();
    names(&words, None)
}

fn names(words: &[String], cluster: Option<&str>) -> Vec<CompletionCandidate> {
    let Some(settings) = settings(words) else { return Vec::new() };
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
        return Vec::new();
    };
    let found = runtime.block_on(hactl::clusters::completion_names(&settings, cluster, COMPLETION_TIMEOUT));
    found
        .unwrap_or_default()
        .into_iter()
        .map(|(name, help)| CompletionCandidate::new(name).help(Some(help.into())))
        .collect()
}

/// The configuration the completed command would use: its `-c`/`-d` and the environment.
fn settings(words: &[String]) -> Option<hactl::settings::Settings> {
    let value_of = |flags: &[&str]| {
        words.windows(2).find(|w| flags.contains(&w[0].as_str())).map(|w| w[1].clone()).or_else(|| {
            words.iter().find_map(|w| flags.iter().find_map(|f| w.strip_prefix(&format!("{f}=")).map(str::to_string)))
        })
    };
    let env: BTreeMap<String, String> = std::env::vars().collect();
    let from_env = |name: &str| env.get(name).filter(|v| !v.is_empty()).cloned();
    let config_flag = value_of(&["-c", "--config-file"]);
    let context = contexts::chosen(value_of(&["--context"]).as_deref(), config_flag.is_some(), &env).ok()?;
    let inputs = SettingsInputs {
        config_file: config_flag
            .or_else(|| from_env("PATRONICTL_CONFIG_FILE"))
            .filter(|_| context.is_none())
            .map(Into::into),
        dcs_url: value_of(&["-d", "--dcs-url", "--dcs"]).or_else(|| from_env("DCS_URL")),
        insecure: words.iter().any(|w| w == "-k" || w == "--insecure"),
        env: &env,
        context: context.as_ref(),
    };
    hactl::settings::load(&inputs).ok()
}

/// `--context` and `context use`: the names in the contexts file, each with where it points.
pub fn contexts() -> Vec<CompletionCandidate> {
    let env: BTreeMap<String, String> = std::env::vars().collect();
    let Some(Ok(Some(file))) = contexts::contexts_path(&env).map(|path| contexts::read(&path, &env)) else {
        return Vec::new();
    };
    let candidate = |c: &contexts::Context| CompletionCandidate::new(&c.name).help(Some(c.source_text().into()));
    file.contexts.values().map(candidate).collect()
}

/// The first positional word after the subcommand: the cluster name, if one was typed.
fn cluster_on_line(words: &[String]) -> Option<String> {
    // words: [hactl, --, hactl, <args...>, <word being completed>]
    let start = words.iter().position(|w| w == "--").map_or(1, |i| i + 2);
    let args = &words[start.min(words.len())..words.len().saturating_sub(1)];
    let mut seen_subcommand = false;
    let mut skip_next = false;
    for word in args {
        if skip_next {
            skip_next = false;
            continue;
        }
        if OPTIONS_WITH_VALUES.contains(&word.as_str()) {
            skip_next = true;
            continue;
        }
        if word.starts_with('-') {
            continue;
        }
        if !seen_subcommand {
            seen_subcommand = true;
            continue;
        }
        return Some(word.clone());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn the_cluster_is_the_first_positional_after_the_subcommand() {
        assert_eq!(
            cluster_on_line(&words("hactl -- hactl -c x.yml switchover demo --candidate ")),
            Some("demo".into())
        );
        assert_eq!(cluster_on_line(&words("hactl -- hactl switchover --candidate ")), None);
        assert_eq!(
            cluster_on_line(&words("hactl -- hactl switchover --leader pg0 demo --candidate ")),
            Some("demo".into())
        );
    }
}
