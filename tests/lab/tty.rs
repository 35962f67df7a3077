//! Prompts on a real terminal: tmux runs hactl in a pseudo-terminal, reads the screen and types
//! the answers, as a DBA would.

use crate::common::*;
use std::process::Command;
use std::time::{Duration, Instant};

/// A private tmux server (its own socket), killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(command: &str) -> Tmux {
        let socket = format!("hactl-tty-{}", std::process::id());
        let status = Command::new("tmux")
            .args(["-L", &socket, "new-session", "-d", "-s", "t", "-x", "200", "-y", "50", command])
            .status()
            .expect("tmux runs (Debian package tmux)");
        assert!(status.success());
        Tmux { socket }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket, "capture-pane", "-p", "-t", "t"]).output().unwrap();
        text(&out.stdout)
    }

    /// Waits until the screen shows `needle`, then returns the screen.
    fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(Instant::now() < deadline, "waited for {needle:?}; the screen shows:\n{screen}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["-L", &self.socket, "send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(Command::new("tmux").args(&args).status().unwrap().success());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).status();
    }
}

#[test]
fn switchover_prompts_on_a_terminal_and_takes_the_answers() {
    let demo = shared_cluster(DEMO);
    let leader_before =
        text(&hactl(&["-c", config_of(demo).to_str().unwrap(), "list", "demo", "-f", "json"], &[]).stdout);
    let command = format!(
        "env -i HOME=/tmp PATH=/usr/bin:/bin TERM=xterm {} -c {} switchover demo; echo EXIT=$?; sleep 60",
        env!("CARGO_BIN_EXE_hactl"),
        config_of(demo).display()
    );
    let tmux = Tmux::start(&command);
    let screen = tmux.wait_for("Primary");
    assert!(screen.contains("Current cluster topology"), "{screen}");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("Candidate [");
    let candidate = if screen.contains("'pg1'") { "pg1" } else { "pg0" };
    tmux.send(&[candidate, "Enter"]);
    tmux.wait_for("When should the switchover take place");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("Are you sure you want to switchover cluster demo, demoting current leader");
    assert!(screen.contains("[y/N]"), "{screen}");
    tmux.send(&["n"]);
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("Aborting switchover"), "{screen}");
    assert!(screen.contains("EXIT=1"), "{screen}");
    let leader_after =
        text(&hactl(&["-c", config_of(demo).to_str().unwrap(), "list", "demo", "-f", "json"], &[]).stdout);
    let leader = |rows: &str| {
        let rows: serde_json::Value = serde_json::from_str(rows).unwrap();
        rows.as_array().unwrap().iter().find(|m| m["Role"] == "Leader").map(|m| m["Member"].clone())
    };
    assert_eq!(leader(&leader_before), leader(&leader_after), "declining changed nothing");
}
