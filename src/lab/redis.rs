//! Redis: one master, one replica and three Sentinels watching them.

use std::collections::HashMap;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::process::Command;

use redis::Value;

use super::net::redis_connection;
use super::programs::RedisPrograms;
use super::state::{self, LabRecord, RedisNode, RedisState};
use super::wait::Readiness;
use super::{LabError, LabEvent, process};

const MASTER_NAME: &str = "mymaster";
const QUORUM: u8 = 2;
const SENTINELS: u16 = 3;
/// Sentinel ports sit this far above the data ports: 6390 → 26390.
const SENTINEL_PORT_OFFSET: u16 = 20000;

/// Master on `base_port`, replica on the next port, Sentinels from
/// `base_port + 20000` up.
pub(crate) fn plan(dir: &Path, base_port: u16) -> RedisState {
    let redis_dir = dir.join("redis");
    let node = |kind: &str, port: u16| RedisNode {
        name: format!("{kind}-{port}"),
        port,
        conf: redis_dir.join(format!("{kind}-{port}.conf")),
        log: redis_dir.join(format!("{kind}-{port}.log")),
        process: None,
    };
    RedisState {
        master_name: MASTER_NAME.into(),
        master: node("redis", base_port),
        replica: node("redis", base_port + 1),
        sentinels: (0..SENTINELS).map(|i| node("sentinel", base_port + SENTINEL_PORT_OFFSET + i)).collect(),
    }
}

/// Starts the recorded nodes that are not running, recording each one. With a `password`, every
/// node and Sentinel requires it, and uses it to reach the others.
pub(crate) fn start_missing(
    dir: &Path,
    record: &mut LabRecord,
    programs: &RedisPrograms,
    password: Option<&str>,
    progress: &mut dyn FnMut(LabEvent),
) -> Result<(), LabError> {
    let Some(redis) = &record.redis else {
        return Ok(());
    };
    if redis.nodes().all(RedisNode::is_running) {
        progress(LabEvent::AlreadyRunning { what: "redis".into() });
        return Ok(());
    }
    progress(LabEvent::Starting {
        what: format!(
            "redis (master {}, replica {}, sentinels {})",
            redis.master.port,
            redis.replica.port,
            redis.sentinels.iter().map(|s| s.port.to_string()).collect::<Vec<_>>().join(", ")
        ),
    });
    let redis_dir = dir.join("redis");
    let master_port = redis.master.port;
    let data_nodes = [&redis.master, &redis.replica].map(|node| {
        let replica_of = (node.port != master_port).then_some(master_port);
        (node.clone(), &programs.server, redis_conf(node.port, replica_of, &redis_dir))
    });
    let sentinels = redis
        .sentinels
        .iter()
        .map(|node| (node.clone(), &programs.sentinel, sentinel_conf(node.port, master_port, &redis_dir)));
    // Data nodes first, so the Sentinels find their master at once.
    let to_start: Vec<_> = data_nodes.into_iter().chain(sentinels).filter(|(node, ..)| !node.is_running()).collect();
    process::create_dir(&redis_dir, None)?;
    for (node, program, conf) in to_start {
        super::ensure_port_free(node.port, &node.name)?;
        // Sentinel rewrites its file with what it learned (and a failover
        // may have reconfigured a node), so an existing file is kept.
        if !node.conf.exists() {
            match password {
                None => fs::write(&node.conf, conf),
                // It holds the password, so only we may read it.
                Some(password) => {
                    let is_sentinel = node.port >= master_port + SENTINEL_PORT_OFFSET;
                    OpenOptions::new().write(true).create_new(true).mode(0o600).open(&node.conf).and_then(|mut file| {
                        file.write_all(conf.as_bytes())?;
                        file.write_all(auth_conf(password, is_sentinel).as_bytes())
                    })
                }
            }
            .map_err(LabError::io("write", &node.conf))?;
        }
        let mut cmd = Command::new(program);
        cmd.arg(&node.conf).current_dir(&redis_dir);
        let started = process::spawn_detached(&node.name, cmd, &node.log, None)?;
        if let Some(redis) = &mut record.redis {
            set_process(redis, &node.name, started);
        }
        state::write_lab_record(dir, record)?;
    }
    Ok(())
}

fn set_process(redis: &mut RedisState, name: &str, started: process::ProcessRef) {
    let nodes = [&mut redis.master, &mut redis.replica].into_iter().chain(&mut redis.sentinels);
    for node in nodes.filter(|n| n.name == name) {
        node.process = Some(started);
    }
}

fn redis_conf(port: u16, replica_of: Option<u16>, dir: &Path) -> String {
    let mut conf = format!(
        "# Redis node of the hactl lab.\n\
         bind 127.0.0.1\n\
         port {port}\n\
         daemonize no\n\
         logfile \"\"\n\
         dir \"{}\"\n\
         dbfilename \"dump-{port}.rdb\"\n\
         save \"\"\n\
         appendonly no\n",
        dir.display()
    );
    if let Some(master) = replica_of {
        conf.push_str(&format!("replicaof 127.0.0.1 {master}\n"));
    }
    conf
}

fn sentinel_conf(port: u16, master_port: u16, dir: &Path) -> String {
    format!(
        "# Redis Sentinel of the hactl lab; Sentinel rewrites this file.\n\
         bind 127.0.0.1\n\
         port {port}\n\
         daemonize no\n\
         logfile \"\"\n\
         dir \"{}\"\n\
         sentinel monitor {MASTER_NAME} 127.0.0.1 {master_port} {QUORUM}\n\
         sentinel down-after-milliseconds {MASTER_NAME} 5000\n\
         sentinel failover-timeout {MASTER_NAME} 60000\n\
         sentinel parallel-syncs {MASTER_NAME} 1\n",
        dir.display()
    )
}

/// The lines that make a node (or a Sentinel) require `password` and use it with the others.
fn auth_conf(password: &str, sentinel: bool) -> String {
    let password = serde_json::to_string(password).expect("strings always serialize");
    match sentinel {
        false => format!("requirepass {password}\nmasterauth {password}\n"),
        true => format!(
            "requirepass {password}\nsentinel auth-pass {MASTER_NAME} {password}\nsentinel sentinel-pass {password}\n"
        ),
    }
}

/// Ready when one data node is master and the other a connected replica,
/// and every Sentinel sees the master, its replica and the other Sentinels.
/// `password` is the lab's Redis password, if it has one.
pub(crate) fn check(redis: &RedisState, password: Option<&str>) -> Result<Readiness, LabError> {
    if let Some(dead) = redis.nodes().find(|n| !n.is_running()) {
        return Err(LabError::Exited { what: dead.name.clone(), log: dead.log.clone() });
    }
    let not_ready = |node: &RedisNode, why: &str| {
        Ok(Readiness::NotReady { what: format!("redis: {} {why}", node.name), log: node.log.clone() })
    };
    // ROLE, not our record, says who is master: a failover may have swapped them.
    let mut masters = 0;
    for node in [&redis.master, &redis.replica] {
        let role =
            redis_connection(node.port, password).and_then(|mut c| redis::cmd("ROLE").query::<Vec<Value>>(&mut c));
        let Ok(role) = role else {
            return not_ready(node, "is not answering");
        };
        let text = |i: usize| role.get(i).and_then(|v| redis::from_redis_value_ref::<String>(v).ok());
        if text(0).as_deref() == Some("master") {
            masters += 1;
        } else if text(3).as_deref() != Some("connected") {
            return not_ready(node, "is not a connected replica");
        }
    }
    if masters != 1 {
        return not_ready(&redis.master, "and its replica do not form one master and one replica");
    }
    let other_sentinels = (redis.sentinels.len() - 1).to_string();
    for sentinel in &redis.sentinels {
        let sentinel_command = |subcommand: &str| {
            let mut command = redis::cmd("SENTINEL");
            command.arg(subcommand).arg(&redis.master_name);
            command
        };
        let Ok(mut connection) = redis_connection(sentinel.port, password) else {
            return not_ready(sentinel, "is not answering");
        };
        let Ok(fields) = sentinel_command("MASTER").query::<HashMap<String, String>>(&mut connection) else {
            return not_ready(sentinel, "is not answering");
        };
        let field = |key: &str| fields.get(key).map(String::as_str);
        if field("flags") != Some("master") || field("num-slaves") != Some("1") {
            return not_ready(sentinel, "does not see a healthy master with one replica");
        }
        if field("num-other-sentinels") != Some(other_sentinels.as_str()) {
            return not_ready(sentinel, "does not see the other sentinels");
        }
        // A Sentinel connects to the replica on its own schedule; until then it lists it as
        // `disconnected` and would refuse a failover (NOGOODSLAVE).
        let replicas = sentinel_command("REPLICAS").query::<Vec<HashMap<String, String>>>(&mut connection);
        let linked = |replica: &HashMap<String, String>| {
            replica.get("flags").is_some_and(|f| f == "slave")
                && replica.get("master-link-status").is_some_and(|s| s == "ok")
        };
        match replicas {
            Ok(list) if !list.is_empty() && list.iter().all(linked) => {}
            _ => return not_ready(sentinel, "does not see its replica connected and linked to the master"),
        }
    }
    Ok(Readiness::Ready)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_places_sentinels_20000_above() {
        let redis = plan(Path::new("/lab"), 6490);
        let ports: Vec<_> = redis.nodes().map(|n| n.port).collect();
        assert_eq!(ports, [6490, 6491, 26490, 26491, 26492]);
        assert_eq!(redis.sentinels[1].conf, Path::new("/lab/redis/sentinel-26491.conf"));
    }

    #[test]
    fn replica_conf_follows_master() {
        let conf = redis_conf(6391, Some(6390), Path::new("/lab/redis"));
        assert!(conf.contains("port 6391\n"));
        assert!(conf.contains("replicaof 127.0.0.1 6390\n"));
        assert!(!redis_conf(6390, None, Path::new("/lab/redis")).contains("replicaof"));
    }

    #[test]
    fn sentinel_conf_monitors_with_quorum_two() {
        let conf = sentinel_conf(26390, 6390, Path::new("/lab/redis"));
        assert!(conf.contains("sentinel monitor mymaster 127.0.0.1 6390 2\n"));
        assert!(conf.contains("sentinel down-after-milliseconds mymaster 5000\n"));
        assert!(conf.contains("sentinel failover-timeout mymaster 60000\n"));
    }
}
