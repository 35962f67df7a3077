//! The shape of the source tree, checked: the arrows of ARCHITECTURE.md, no import circles, and
//! files small enough to read. A change that breaks one of them fails here with the file named.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What the pure leaf modules (Python formats, error kinds, address splitting) must never use.
const PURE_LEAF: &[&str] =
    &["settings", "dcs", "clusters", "agent", "engine", "actions", "tiers", "render", "lab", "cluster", "monitoring"];

/// Modules (by the first path segment under `src/`) and the modules each must never use.
const FORBIDDEN: &[(&str, &[&str])] = &[
    (
        "cluster",
        &["settings", "dcs", "clusters", "agent", "engine", "actions", "tiers", "render", "lab", "query", "monitoring"],
    ),
    ("pyfmt", PURE_LEAF),
    ("pyyaml", PURE_LEAF),
    ("hostport", PURE_LEAF),
    ("units", PURE_LEAF),
    ("hedge", PURE_LEAF),
    ("error", PURE_LEAF),
    // render reads the outcome types of engine, actions and tiers, and does no I/O.
    ("render", &["settings", "dcs", "clusters", "agent", "lab", "query", "interrupt"]),
    ("settings", &["dcs", "clusters", "agent", "engine", "actions", "tiers", "render", "lab", "cluster", "monitoring"]),
    ("tiers", &["engine", "actions", "agent", "clusters", "render", "lab", "monitoring"]),
    ("engine", &["tiers", "actions", "render", "lab", "query", "monitoring"]),
    ("actions", &["tiers", "engine", "render", "lab", "monitoring"]),
    ("dcs", &["clusters", "agent", "engine", "actions", "tiers", "render", "lab", "monitoring"]),
    ("agent", &["dcs", "clusters", "engine", "actions", "tiers", "render", "lab", "monitoring"]),
    ("clusters", &["agent", "engine", "actions", "tiers", "render", "lab", "monitoring"]),
    // monitoring (`hactl check`) reads the tiers, the agents and the cluster; it changes nothing.
    ("monitoring", &["engine", "actions", "render", "lab"]),
    // The write probe measures the applications' path; the engine knows nothing of it.
    ("probe", &["settings", "dcs", "clusters", "agent", "engine", "actions", "tiers", "render", "lab", "monitoring"]),
];

/// The most lines of non-test code one file may hold.
const MAX_CODE_LINES: usize = 800;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code before the first `#[cfg(test)]`: what the program is made of.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    text.split("#[cfg(test)]").next().unwrap_or_default().to_string()
}

/// `actions/restart.rs` → `["actions", "restart"]`, `actions/mod.rs` → `["actions"]`.
fn module_path(path: &Path) -> Vec<String> {
    let relative = path.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Every `crate::a::b` / `hactl::a::b` path (also inside `use crate::{a, b::c}` groups), as segments
/// from the crate root; `super::x` in `module` is resolved against it.
fn used_paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    for root in ["crate::", "hactl::", "super::"] {
        // `super` of `a::b` (a file `a/b.rs`) is `a`; of `a` (`a/mod.rs` or `a.rs`) the crate root.
        let base: Vec<String> =
            if root == "super::" { module[..module.len().saturating_sub(1)].to_vec() } else { Vec::new() };
        let mut rest = code;
        while let Some(at) = rest.find(root) {
            let before = rest[..at].chars().last();
            rest = &rest[at + root.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    paths.push([base.clone(), segments(item.trim())].concat());
                }
            } else {
                paths.push([base.clone(), segments(rest)].concat());
            }
        }
    }
    paths.retain(|p| !p.is_empty());
    paths
}

fn segments(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for part in text.split("::") {
        let name: String = part.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if name.is_empty() {
            break;
        }
        let done = name.len() < part.len();
        parts.push(name);
        if done {
            break;
        }
    }
    parts
}

/// The binary's top-level modules; every other file under `src/` is the library's.
const BINARY: &[&str] = &["main", "commands", "ui", "complete", "cli"];

/// The library's modules (`binary: false`) or the binary's, with the modules each uses.
fn graph_of(depth: usize, binary: bool) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let known: BTreeSet<Vec<String>> = files.iter().map(|f| module_path(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let module = module_path(file);
        let in_binary = module.first().is_some_and(|m| BINARY.contains(&m.as_str()));
        if in_binary != binary || module == ["lib"] {
            continue;
        }
        let from = module.iter().take(depth).cloned().collect::<Vec<_>>().join("::");
        for path in used_paths(&code_of(file), &module) {
            // In the binary, `hactl::` is the library, not one of its own modules.
            if binary && path.first().is_some_and(|p| !BINARY.contains(&p.as_str())) {
                continue;
            }
            // The longest prefix of the path that is a module of ours.
            let target = (1..=path.len().min(depth)).rev().map(|n| path[..n].to_vec()).find(|p| known.contains(p));
            let Some(target) = target else { continue };
            let to = target.join("::");
            if to != from && !from.starts_with(&format!("{to}::")) {
                graph.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    graph
}

#[test]
fn the_library_keeps_the_arrows_of_architecture_md() {
    let graph = graph_of(1, false);
    let mut broken = Vec::new();
    for (module, forbidden) in FORBIDDEN {
        assert!(src().join(format!("{module}.rs")).exists() || src().join(module).is_dir(), "no module {module}");
        for used in graph.get(*module).into_iter().flatten() {
            if forbidden.contains(&used.as_str()) {
                broken.push(format!("{module} uses {used}"));
            }
        }
    }
    for (module, used) in &graph {
        if module != "lab" && used.contains("lab") {
            broken.push(format!("{module} uses lab"));
        }
    }
    assert!(broken.is_empty(), "arrows not allowed by ARCHITECTURE.md: {broken:?}");
}

#[test]
fn no_import_circles_between_modules() {
    for (binary, depth) in [(false, 1), (false, 2), (true, 1)] {
        let graph = graph_of(depth, binary);
        // The binary is main, commands, ui and complete; the library has a dozen modules.
        assert!(graph.len() > if binary { 0 } else { 3 }, "the scan found only {graph:?}");
        for (from, targets) in &graph {
            for to in targets {
                assert!(!reaches(&graph, to, from), "import circle: {from} -> {to} -> ... -> {from}");
            }
        }
    }
}

fn reaches(graph: &BTreeMap<String, BTreeSet<String>>, start: &str, goal: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut todo = vec![start.to_string()];
    while let Some(module) = todo.pop() {
        if module == goal {
            return true;
        }
        if seen.insert(module.clone()) {
            todo.extend(graph.get(&module).into_iter().flatten().cloned());
        }
    }
    false
}

#[test]
fn no_file_holds_more_than_800_lines_of_code() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    assert!(files.len() > 20, "found only {} files under {}", files.len(), src().display());
    let long: Vec<String> = files
        .iter()
        .map(|f| (f, code_of(f).lines().count()))
        .filter(|(_, lines)| *lines > MAX_CODE_LINES)
        .map(|(f, lines)| format!("{} ({lines} lines)", f.strip_prefix(src()).unwrap().display()))
        .collect();
    assert!(long.is_empty(), "files over {MAX_CODE_LINES} lines of non-test code: {long:?}");
}

#[test]
fn the_path_scanner_sees_grouped_and_nested_imports() {
    let code = "use crate::{dcs::Dcs, cluster};\nlet x = hactl::engine::plan(y);\nmy_crate::x;\nuse super::wait;";
    let paths = used_paths(code, &["actions".to_string(), "restart".to_string()]);
    assert_eq!(paths, [vec!["dcs", "Dcs"], vec!["cluster"], vec!["engine", "plan"], vec!["actions", "wait"]]);
}
