//! What `up` makes sure of before it starts anything: every port it will bind without choosing
//! it is free. A part that picks its ports (a new cluster's PostgreSQL, REST API, proxies and
//! Pgpool-II: the first free ones from a base up) cannot collide, so it is not checked here.

use std::path::Path;

use super::state::{ClusterState, EtcdMember, RedisState};
use super::{LabError, port_is_free};

/// A port `up` will bind, who binds it, and how to free or move it.
struct Fixed {
    port: u16,
    what: String,
    fix: String,
}

/// Refuses, naming the first busy port, its role and the fix, when a port that the parts `up`
/// is about to start must bind is in use: the etcd members and Redis nodes not running (planned
/// or recorded), and the recorded ports of the stopped parts of `clusters`. Parts that run are
/// the lab's own and hold their ports.
pub(crate) fn check_ports(
    dir: &Path,
    etcd: &[EtcdMember],
    redis: Option<&RedisState>,
    clusters: &[ClusterState],
) -> Result<(), LabError> {
    match fixed_ports(dir, etcd, redis, clusters).into_iter().find(|fixed| !port_is_free(fixed.port)) {
        Some(Fixed { port, what, fix }) => Err(LabError::PortTaken { port, what, fix }),
        None => Ok(()),
    }
}

fn fixed_ports(dir: &Path, etcd: &[EtcdMember], redis: Option<&RedisState>, clusters: &[ClusterState]) -> Vec<Fixed> {
    // A recorded part keeps its ports: no flag moves them, only stopping what took them does.
    let recorded = format!(
        "stop what listens there (the lab in {dir} keeps its ports; `hactl lab down --dir {dir}` removes it)",
        dir = dir.display()
    );
    let fix = |was_started: bool, flags: &str| if was_started { recorded.clone() } else { flags.to_owned() };
    let mut fixed = Vec::new();
    let mut add = |port: u16, what: String, fix: &String| fixed.push(Fixed { port, what, fix: fix.clone() });

    let etcd_fix = fix(etcd.iter().any(|m| m.process.is_some()), "pass --etcd-port");
    for member in etcd.iter().filter(|m| !m.is_running()) {
        add(member.client_port, format!("etcd member {}", member.name), &etcd_fix);
        add(member.peer_port, format!("etcd member {} (peer)", member.name), &etcd_fix);
    }
    if let Some(redis) = redis {
        let redis_fix = fix(redis.nodes().any(|n| n.process.is_some()), "pass --redis-port, or --no-redis");
        let data_nodes = [("redis master", &redis.master), ("redis replica", &redis.replica)];
        let sentinels = redis.sentinels.iter().map(|node| ("redis sentinel", node));
        for (what, node) in data_nodes.into_iter().chain(sentinels).filter(|(_, node)| !node.is_running()) {
            add(node.port, what.to_owned(), &redis_fix);
        }
    }
    for cluster in clusters {
        let scope = &cluster.scope;
        // Not PostgreSQL's port: a postmaster that outlived its Patroni holds it, and the
        // restarted Patroni takes that postmaster over.
        for member in cluster.members.iter().filter(|m| !m.is_running()) {
            add(member.api_port, format!("the REST API of {scope}/{}", member.name), &recorded);
        }
        let stopped = |process: Option<super::ProcessRef>| !process.is_some_and(|p| p.is_alive());
        if let Some(proxies) = &cluster.proxies {
            let haproxy = &proxies.haproxy;
            if stopped(haproxy.process) {
                for port in [haproxy.write_port, haproxy.read_port, haproxy.stats_port] {
                    add(port, format!("haproxy of {scope}"), &recorded);
                }
            }
            for bouncer in proxies.pgbouncers.iter().filter(|b| stopped(b.process)) {
                add(bouncer.port, format!("pgbouncer of {scope}/{}", bouncer.member), &recorded);
            }
        }
        if let Some(pool) = cluster.pgpool.as_ref().filter(|p| stopped(p.process)) {
            for port in pool.ports() {
                add(port, format!("pgpool of {scope}"), &recorded);
            }
        }
    }
    fixed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::{etcd, redis};
    use std::net::TcpListener;

    /// A free port, taken and held: above the lab tests' ports, low enough for Redis's Sentinels
    /// 20000 above it.
    fn hold_port() -> (TcpListener, u16) {
        let held = (40000..45000).find_map(|port| TcpListener::bind(("127.0.0.1", port)).ok()).unwrap();
        let port = held.local_addr().unwrap().port();
        (held, port)
    }

    #[test]
    fn a_busy_port_of_a_new_lab_names_its_role_and_flag() {
        let dir = Path::new("/tmp/hactl-lab-preflight");
        let (_held, port) = hold_port();
        let err = check_ports(dir, &[], Some(&redis::plan(dir, port)), &[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "port {port} for redis master is already in use: pass --redis-port, or --no-redis; nothing was started"
            )
        );
        assert_eq!(crate::error::Classify::kind(&err), crate::error::ErrorKind::Refused);
        // etcd1's client port; etcd0's two below it are whatever the machine has free.
        let err = check_ports(dir, &etcd::plan(dir, port - 2), None, &[]).unwrap_err().to_string();
        assert!(err.contains(" for etcd member etcd"), "{err}");
        assert!(err.ends_with(" is already in use: pass --etcd-port; nothing was started"), "{err}");
    }

    #[test]
    fn recorded_parts_name_the_lab_instead_of_a_flag() {
        let dir = Path::new("/tmp/hactl-lab-preflight");
        let (_held, port) = hold_port();
        let mut members = etcd::plan(dir, port);
        // Recorded once, no longer running: the pid of no process.
        members[0].process = Some(crate::lab::ProcessRef { pid: i32::MAX, start_time: 0 });
        let err = check_ports(dir, &members, None, &[]).unwrap_err().to_string();
        assert!(err.contains("`hactl lab down --dir /tmp/hactl-lab-preflight`"), "{err}");
        assert!(err.ends_with("nothing was started"), "{err}");
    }
}
