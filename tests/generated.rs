//! The committed completions/ and man/ are what the current CLI generates: a stale file fails
//! here, naming the command that regenerates them.

use std::collections::BTreeMap;
use std::path::Path;

const REGENERATE: &str = "cargo run -- generate --dir .";

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else { return BTreeMap::new() };
    entries
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// Differences between two directories' files, by name.
fn differences(committed: &Path, fresh: &Path) -> Vec<String> {
    let (old, new) = (files(committed), files(fresh));
    let mut problems = Vec::new();
    for (name, content) in &new {
        match old.get(name) {
            None => problems.push(format!("{}/{name} is missing", committed.display())),
            Some(existing) if existing != content => problems.push(format!("{}/{name} is stale", committed.display())),
            Some(_) => {}
        }
    }
    for name in old.keys().filter(|n| !new.contains_key(*n)) {
        problems.push(format!("{}/{name} is no longer generated", committed.display()));
    }
    problems
}

fn generate_into(dir: &Path) {
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_hactl"))
        .args(["generate", "--dir"])
        .arg(dir)
        .env_clear()
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn committed_completions_and_man_pages_are_current() {
    let fresh = std::env::temp_dir().join(format!("hactl-generated-{}", std::process::id()));
    generate_into(&fresh);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = differences(&root.join("completions"), &fresh.join("completions"));
    problems.extend(differences(&root.join("man"), &fresh.join("man")));
    let _ = std::fs::remove_dir_all(&fresh);
    assert!(problems.is_empty(), "{}\nrun `{REGENERATE}` and commit the result", problems.join("\n"));
}

#[test]
fn the_check_notices_a_stale_file() {
    // The check itself can fail: a copy with one changed and one extra file is caught.
    let base = std::env::temp_dir().join(format!("hactl-generated-stale-{}", std::process::id()));
    let (fresh, stale) = (base.join("fresh"), base.join("stale"));
    generate_into(&fresh);
    generate_into(&stale);
    std::fs::write(stale.join("man/hactl.1"), b"old text").unwrap();
    std::fs::write(stale.join("completions/hactl.obsolete"), b"").unwrap();
    let mut problems = differences(&stale.join("man"), &fresh.join("man"));
    problems.extend(differences(&stale.join("completions"), &fresh.join("completions")));
    let _ = std::fs::remove_dir_all(&base);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].ends_with("hactl.1 is stale"), "{problems:?}");
    assert!(problems[1].ends_with("hactl.obsolete is no longer generated"), "{problems:?}");
}
