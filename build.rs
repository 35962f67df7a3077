//! Lays out the functions a short command runs next to each other in the release binary.
//!
//! The kernel maps a binary's code 64 KiB around every page a process first runs ("fault-around"),
//! so a `list` whose 1.4 MiB of code is spread over the whole 9.8 MiB text section costs 6.6 MiB of
//! resident memory. `bench/hot-functions.txt` (made by `bench/layout` from an instruction trace of
//! the short commands) lists those functions in the order they first run; lld places them first.
//! Names missing from a newer build are skipped, so a stale list costs memory, never correctness.

use std::env;
use std::process::Command;

const ORDER_FILE: &str = "bench/hot-functions.txt";

fn main() {
    println!("cargo:rerun-if-changed={ORDER_FILE}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=HACTL_NO_FUNCTION_ORDER");
    if env::var_os("HACTL_NO_FUNCTION_ORDER").is_some() || !links_with_rust_lld() {
        return;
    }
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let order = format!("{manifest_dir}/{ORDER_FILE}");
    if std::path::Path::new(&order).is_file() {
        println!("cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={order}");
        println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    }
}

/// Only rust-lld, rustc's default linker on x86_64 Linux since 1.90, is known to take the flag;
/// GNU ld would fail the link, so anything else (another target, an older rustc, a linker chosen
/// in RUSTFLAGS) gets the default layout.
fn links_with_rust_lld() -> bool {
    let release_build = env::var("PROFILE").is_ok_and(|p| p == "release");
    let target = env::var("TARGET").unwrap_or_default();
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    if !release_build || target != "x86_64-unknown-linux-gnu" || flags.contains("linker") {
        return false;
    }
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(out) = Command::new(rustc).arg("-vV").output() else { return false };
    let version = String::from_utf8_lossy(&out.stdout);
    let minor = version
        .lines()
        .find_map(|l| l.strip_prefix("release: 1."))
        .and_then(|rest| rest.split('.').next())
        .and_then(|m| m.parse::<u32>().ok());
    minor.is_some_and(|m| m >= 90)
}
