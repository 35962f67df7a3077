//! `hactl lab up` on a machine where a port it needs is taken.

use crate::common::{port, text, tmp_dir};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::Command;

/// Stops whatever a failed run started in the dir, by pid, however the test ends.
struct LabDir(PathBuf);

impl Drop for LabDir {
    fn drop(&mut self) {
        let _ = hactl::lab::down(&self.0, &mut |_| {});
    }
}

/// A fixed port of the lab (the Redis master's) taken by another process: `lab up` refuses with
/// exit 3, naming the port, its role and the flag that moves it, before it starts anything or
/// writes any state.
#[test]
fn lab_up_refuses_a_busy_port_before_starting_anything() {
    let dir = PathBuf::from(tmp_dir("hactl-test-lab-busy-port"));
    let _ = hactl::lab::down(&dir, &mut |_| {});
    let _guard = LabDir(dir.clone());
    let dir_arg = dir.to_str().unwrap();
    let (etcd_port, redis_port) = (port(24379), port(8090));
    let (pg_port, api_port) = (port(26632), port(29208));
    let busy = TcpListener::bind(("127.0.0.1", redis_port)).expect("the Redis port is free to take");
    for port in etcd_port..=etcd_port + 5 {
        assert!(TcpStream::connect(("127.0.0.1", port)).is_err(), "port {port} is taken before the test");
    }

    let args = [
        "lab",
        "up",
        "--dir",
        dir_arg,
        "--cluster",
        "busyport",
        "--members",
        "1",
        "--etcd-port",
        &etcd_port.to_string(),
        "--redis-port",
        &redis_port.to_string(),
        "--pg-port",
        &pg_port.to_string(),
        "--api-port",
        &api_port.to_string(),
        "--timeout",
        "60",
    ];
    let out = Command::new(env!("CARGO_BIN_EXE_hactl")).env_remove("HACTL_LAB_DIR").args(args).output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    let refusal = format!(
        "Error: port {redis_port} for redis master is already in use: pass --redis-port, or --no-redis; nothing was started"
    );
    assert!(stderr.contains(&refusal), "{stderr}");
    assert!(!stderr.contains("starting"), "{stderr}");

    // Nothing started, nothing written: no etcd listens, no dir (so no lab.json) was made.
    for port in etcd_port..=etcd_port + 5 {
        assert!(TcpStream::connect(("127.0.0.1", port)).is_err(), "something listens on etcd's port {port}");
    }
    assert!(!dir.exists(), "lab up left {}", dir.display());
    let status = Command::new(env!("CARGO_BIN_EXE_hactl")).args(["lab", "status", "--dir", dir_arg]).output().unwrap();
    assert!(status.status.success(), "{}", text(&status.stderr));
    assert_eq!(text(&status.stdout), format!("no lab in {dir_arg}\n"));
    drop(busy);
}
