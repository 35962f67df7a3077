//! Hermetic snapshots (cleared environment) of what users read: every subcommand's `--help`,
//! errors in pretty and JSON form, with colour on and off. A change to any of them shows up as
//! a snapshot diff in review (`cargo insta review`).

use std::process::Command;

fn hactl(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hactl"));
    command.env_clear().env("HOME", "/nonexistent").env("COLUMNS", "100").args(args);
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().unwrap();
    let text = format!(
        "{}----- stderr -----\n{}----- exit status: {} -----\n",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        out.status.code().map_or("signal".into(), |c| c.to_string())
    );
    text
}

/// Every visible subcommand path (`etcd health`, `edit-config`), and the top level (empty).
fn subcommands() -> Vec<Vec<String>> {
    let out = Command::new(env!("CARGO_BIN_EXE_hactl")).args(["generate", "--list-commands"]).output().unwrap();
    assert!(out.status.success());
    let mut paths = vec![Vec::new()];
    paths.extend(String::from_utf8(out.stdout).unwrap().lines().map(|l| l.split(' ').map(str::to_string).collect()));
    paths
}

#[test]
fn help_of_every_subcommand() {
    let all = subcommands();
    assert!(all.len() > 30, "every subcommand is listed: {all:?}");
    for path in all {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let name = if path.is_empty() { "help".to_string() } else { format!("help-{}", path.join("-")) };
        insta::assert_snapshot!(name, hactl(&args, &[]));
    }
}

#[test]
fn every_subcommand_help_has_examples() {
    for path in subcommands().into_iter().filter(|p| !p.is_empty()) {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = hactl(&args, &[]);
        let is_group = help.contains("\nCommands:\n");
        assert!(
            is_group || help.contains("Examples:\n  hactl "),
            "`hactl {}` --help has no examples:\n{help}",
            path.join(" ")
        );
    }
}

#[test]
fn error_pretty_and_json() {
    let args = ["-d", "etcd3://127.0.0.1:1", "list", "demo"];
    insta::assert_snapshot!("error-pretty", hactl(&args, &[]));
    let mut json = args.to_vec();
    json.extend(["-f", "json"]);
    insta::assert_snapshot!("error-json", hactl(&json, &[]));
    insta::assert_snapshot!("error-usage", hactl(&["list", "--format", "xml"], &[]));
}

#[test]
fn colour_on_and_off() {
    let args = ["-d", "etcd3://127.0.0.1:1", "list", "demo"];
    let forced = hactl(&["--color", "always", args[0], args[1], args[2], args[3]], &[]);
    assert!(forced.contains("\u{1b}["), "--color always colours: {forced:?}");
    insta::assert_snapshot!("colour-always", forced);
    insta::assert_snapshot!("colour-clicolor-force", hactl(&args, &[("CLICOLOR_FORCE", "1")]));
    let plain = hactl(&args, &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]);
    assert!(!plain.contains('\u{1b}'), "NO_COLOR wins over CLICOLOR_FORCE: {plain:?}");
    insta::assert_snapshot!("colour-no-color", plain);
    let never = hactl(&["--color", "never", args[0], args[1], args[2], args[3]], &[("CLICOLOR_FORCE", "1")]);
    assert!(!never.contains('\u{1b}'), "--color never wins: {never:?}");
}
