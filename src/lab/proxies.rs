//! The proxy tier of a cluster, as the seeds deploy it: one PgBouncer in front of each member's
//! PostgreSQL, and one HAProxy whose write frontend sends to the member answering `GET /primary`
//! on its REST API and whose read frontend sends to those answering `GET /replica`. Only in the
//! plain lab: the secured lab's REST APIs require a client certificate HAProxy does not present.
//!
//! HAProxy's servers are the members' PostgreSQL ports, not their PgBouncers: each tier then
//! fails on its own (a stopped PgBouncer does not take its member out of HAProxy), and a server's
//! address is the member's `conn_url` address, which the cross-tier views compare.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::net::Net;
use super::process::{self, User};
use super::secure::write_private_owned;
use super::state::{self, CLUSTERS_LOCK, ClusterState, HaproxyState, PgbouncerState, ProxiesState};
use super::wait::Readiness;
use super::{HAPROXY_STATS, LabError, LabEvent, PGBOUNCER_ADMIN, READ_BACKEND, SUPERUSER, WRITE_BACKEND};
use crate::tiers::{haproxy, pgbouncer};

/// PgBouncer ports start this far below the PostgreSQL base port (15432 → 6432, the usual one),
/// HAProxy's this far (15432 → 5000: write, read and stats ports of each cluster in a row).
const PGBOUNCER_BELOW_PG: u16 = 9000;
const HAPROXY_BELOW_PG: u16 = 10432;
const CHECK_TIMEOUT: Duration = Duration::from_secs(3);

/// Adds the proxy tier to `cluster` when it has none (claiming ports), then starts its stopped
/// proxies, recording each.
pub(crate) fn start(
    lab_dir: &Path,
    cluster: &mut ClusterState,
    pg_base_port: u16,
    owner: Option<&User>,
    progress: &mut dyn FnMut(LabEvent),
) -> Result<(), LabError> {
    let _lock = state::lock(&lab_dir.join(CLUSTERS_LOCK))?;
    let proxies = state::planned(lab_dir, cluster, |c| &mut c.proxies, |c| plan(lab_dir, c, pg_base_port))?;
    let label = format!("proxies of cluster {}", cluster.scope);
    let stopped = proxies.processes(&cluster.scope).iter().filter(|(_, p)| !p.is_some_and(|p| p.is_alive())).count();
    if stopped == 0 {
        progress(LabEvent::AlreadyRunning { what: label });
        return Ok(());
    }
    progress(LabEvent::Starting { what: label });
    let pgbouncer_bin = super::programs::pgbouncer()?;
    for (i, bouncer) in proxies.pgbouncers.iter().enumerate() {
        if bouncer.process.is_some_and(|p| p.is_alive()) {
            continue;
        }
        let member = cluster.member(&bouncer.member).expect("a pgbouncer fronts a member");
        super::ensure_port_free(bouncer.port, &format!("pgbouncer of {}/{}", cluster.scope, member.name))?;
        process::create_dir(&bouncer.dir, owner)?;
        write_private_owned(&bouncer.dir.join("userlist.txt"), &userlist(), owner)?;
        write_private_owned(&bouncer.conf, &pgbouncer_ini(bouncer, member.pg_port), owner)?;
        let mut cmd = Command::new(&pgbouncer_bin);
        cmd.arg(&bouncer.conf).current_dir(&bouncer.dir);
        // PgBouncer refuses to run as root.
        if let Some(owner) = owner {
            owner.apply(&mut cmd);
        }
        let what = format!("pgbouncer of {}/{}", cluster.scope, member.name);
        let started = process::spawn_detached(&what, cmd, &bouncer.log, owner)?;
        cluster.proxies.as_mut().expect("planned above").pgbouncers[i].process = Some(started);
        state::write_cluster(lab_dir, cluster)?;
    }
    let haproxy = &proxies.haproxy;
    if !haproxy.process.is_some_and(|p| p.is_alive()) {
        for port in [haproxy.write_port, haproxy.read_port, haproxy.stats_port] {
            super::ensure_port_free(port, &format!("haproxy of {}", cluster.scope))?;
        }
        process::create_dir(&haproxy.dir, None)?;
        let _ = fs::remove_file(&haproxy.stats_socket);
        fs::write(&haproxy.conf, haproxy_cfg(cluster, haproxy)).map_err(LabError::io("write", &haproxy.conf))?;
        let mut cmd = Command::new(super::programs::haproxy()?);
        // -db: stay in the foreground, one process, whose pid we record.
        cmd.arg("-db").arg("-f").arg(&haproxy.conf).current_dir(&haproxy.dir);
        let started = process::spawn_detached(&format!("haproxy of {}", cluster.scope), cmd, &haproxy.log, None)?;
        cluster.proxies.as_mut().expect("planned above").haproxy.process = Some(started);
        state::write_cluster(lab_dir, cluster)?;
    }
    Ok(())
}

/// Ports from below the PostgreSQL base port, unclaimed and free; files in the cluster's dir.
fn plan(lab_dir: &Path, cluster: &ClusterState, pg_base_port: u16) -> Result<ProxiesState, LabError> {
    let (Some(pgbouncer_base), Some(haproxy_base)) =
        (pg_base_port.checked_sub(PGBOUNCER_BELOW_PG), pg_base_port.checked_sub(HAPROXY_BELOW_PG))
    else {
        return Err(LabError::InvalidSpec(format!(
            "proxies need a PostgreSQL base port above {HAPROXY_BELOW_PG} (their ports start below it)"
        )));
    };
    let mut claimed = super::patroni::claimed_ports(lab_dir)?;
    let pick = super::patroni::pick_ports;
    let bouncer_ports = pick(pgbouncer_base, cluster.members.len(), &mut claimed, super::port_is_free, "PgBouncer")?;
    let [write_port, read_port, stats_port] =
        <[u16; 3]>::try_from(pick(haproxy_base, 3, &mut claimed, super::port_is_free, "HAProxy")?)
            .expect("three ports picked");
    let haproxy_dir = cluster.dir.join("haproxy");
    Ok(ProxiesState {
        haproxy: HaproxyState {
            write_port,
            read_port,
            stats_port,
            stats_socket: haproxy_dir.join("stats.sock"),
            conf: haproxy_dir.join("haproxy.cfg"),
            log: haproxy_dir.join("haproxy.log"),
            dir: haproxy_dir,
            process: None,
        },
        pgbouncers: cluster
            .members
            .iter()
            .zip(bouncer_ports)
            .map(|(member, port)| {
                let dir = member.dir.join("pgbouncer");
                PgbouncerState {
                    member: member.name.clone(),
                    port,
                    conf: dir.join("pgbouncer.ini"),
                    log: dir.join("pgbouncer.log"),
                    dir,
                    process: None,
                }
            })
            .collect(),
    })
}

/// Plain passwords: PgBouncer answers SCRAM with them, and logs in to PostgreSQL with them.
fn userlist() -> String {
    [SUPERUSER, PGBOUNCER_ADMIN]
        .iter()
        .map(|c| format!("{} {}\n", super::quote(c.user), super::quote(c.password)))
        .collect()
}

fn pgbouncer_ini(bouncer: &PgbouncerState, pg_port: u16) -> String {
    format!(
        "; PgBouncer in front of {member}, written by hactl lab.\n\
         [databases]\n\
         postgres = host=127.0.0.1 port={pg_port} dbname=postgres\n\
         * = host=127.0.0.1 port={pg_port}\n\
         \n\
         [pgbouncer]\n\
         listen_addr = 127.0.0.1\n\
         listen_port = {port}\n\
         unix_socket_dir =\n\
         auth_type = scram-sha-256\n\
         auth_file = {userlist}\n\
         admin_users = {admin}\n\
         pool_mode = session\n\
         max_client_conn = 100\n\
         default_pool_size = 10\n\
         ignore_startup_parameters = extra_float_digits\n",
        member = bouncer.member,
        port = bouncer.port,
        userlist = bouncer.dir.join("userlist.txt").display(),
        admin = PGBOUNCER_ADMIN.user,
    )
}

/// The seeds' haproxy.cfg: health checks on each agent's REST API every second, sessions cut
/// when a server goes down, and the stats on a socket and an HTTP page (with `show-legends`, so
/// that the page shows each server's address, as the socket does).
fn haproxy_cfg(cluster: &ClusterState, haproxy: &HaproxyState) -> String {
    let servers: String = cluster
        .members
        .iter()
        .map(|m| format!("    server {} 127.0.0.1:{} maxconn 100 check port {}\n", m.name, m.pg_port, m.api_port))
        .collect();
    let backend = |name: &str, port: u16, uri: &str, balance: &str| {
        format!(
            "listen {name}\n    bind 127.0.0.1:{port}\n{balance}    option httpchk\n    \
             http-check send meth GET uri {uri}\n    http-check expect status 200\n    \
             default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions\n{servers}\n"
        )
    };
    format!(
        "# HAProxy of cluster {scope}, written by hactl lab.\n\
         global\n    maxconn 200\n    stats socket {socket} mode 600 level admin\n    stats timeout 10s\n\n\
         defaults\n    mode tcp\n    retries 2\n    timeout client 30m\n    timeout connect 4s\n    \
         timeout server 30m\n    timeout check 2s\n\n\
         listen stats\n    mode http\n    bind 127.0.0.1:{stats}\n    stats enable\n    stats uri /\n    \
         stats auth {user}:{password}\n    stats show-legends\n\n{write}{read}",
        scope = cluster.scope,
        socket = haproxy.stats_socket.display(),
        stats = haproxy.stats_port,
        user = HAPROXY_STATS.user,
        password = HAPROXY_STATS.password,
        write = backend(WRITE_BACKEND, haproxy.write_port, "/primary", ""),
        read = backend(READ_BACKEND, haproxy.read_port, "/replica", "    balance roundrobin\n"),
    )
}

/// Ready when every PgBouncer's admin console answers and HAProxy routes writes to exactly the
/// member that holds the leader's role and reads to every other member.
pub(crate) fn check(net: &Net, cluster: &ClusterState) -> Result<Readiness, LabError> {
    let Some(proxies) = &cluster.proxies else {
        return Ok(Readiness::Ready);
    };
    for (name, process) in proxies.processes(&cluster.scope) {
        if !process.is_some_and(|p| p.is_alive()) {
            let log = match name.rsplit_once("pgbouncer-") {
                Some((_, member)) => proxies.pgbouncers.iter().find(|p| p.member == member).map(|p| p.log.clone()),
                None => Some(proxies.haproxy.log.clone()),
            };
            return Err(LabError::Exited { what: name, log: log.unwrap_or_default() });
        }
    }
    let deadline = Instant::now() + CHECK_TIMEOUT;
    let reads = net.block_on(pgbouncer::read(&proxies.pgbouncer_settings(), deadline));
    for (read, bouncer) in reads.iter().zip(&proxies.pgbouncers) {
        if let Err(e) = &read.result {
            return Ok(Readiness::NotReady { what: e.to_string(), log: bouncer.log.clone() });
        }
    }
    let not_ready = |what: String| Ok(Readiness::NotReady { what, log: proxies.haproxy.log.clone() });
    let stats = match net.block_on(haproxy::read_stats(&proxies.haproxy.settings(), deadline)) {
        Ok(stats) => stats,
        Err(e) => return not_ready(e.to_string()),
    };
    let Some(primary) = cluster.primary() else {
        return not_ready(format!("cluster {}: no member holds the leader's role", cluster.scope));
    };
    let names = |rows: Vec<&haproxy::StatRow>| rows.into_iter().map(|r| r.name.clone()).collect::<Vec<_>>();
    let (write, read) = (names(stats.write_backend_up()), names(stats.read_backend_up()));
    let replicas: Vec<String> =
        cluster.members.iter().filter(|m| m.name != primary.name).map(|m| m.name.clone()).collect();
    if write != [primary.name.clone()] || read != replicas {
        return not_ready(format!(
            "haproxy of {}: write backend UP {write:?} and read backend UP {read:?}, not [{}] and {replicas:?}",
            cluster.scope, primary.name
        ));
    }
    Ok(Readiness::Ready)
}

#[cfg(test)]
mod tests {
    use super::super::state::MemberState;
    use super::super::{Flavor, Replication};
    use super::*;

    fn cluster() -> ClusterState {
        let dir = std::path::PathBuf::from("/lab/clusters/demo");
        let member = |i: u16| MemberState {
            name: format!("pg{i}"),
            pg_port: 15432 + i,
            api_port: 18008 + i,
            data_dir: dir.join(format!("pg{i}/data")),
            config: dir.join(format!("pg{i}/patroni.yml")),
            log: dir.join(format!("pg{i}/patroni.log")),
            dir: dir.join(format!("pg{i}")),
            patroni: None,
            tags: Default::default(),
            api_tls: None,
        };
        ClusterState {
            scope: "demo".into(),
            flavor: Flavor::V4,
            patroni_bin: "/opt/hactl/patroni-4/bin/patroni".into(),
            ttl: 30,
            loop_wait: 10,
            replication: Replication::Async,
            standby_of: None,
            proxies: None,
            pgpool: None,
            members: vec![member(0), member(1)],
            dir,
        }
    }

    #[test]
    fn haproxy_checks_each_agent_for_primary_and_replica() {
        let cluster = cluster();
        let dir = cluster.dir.join("haproxy");
        let haproxy = HaproxyState {
            write_port: 5000,
            read_port: 5001,
            stats_port: 5002,
            stats_socket: dir.join("stats.sock"),
            conf: dir.join("haproxy.cfg"),
            log: dir.join("haproxy.log"),
            dir,
            process: None,
        };
        let cfg = haproxy_cfg(&cluster, &haproxy);
        for line in [
            "    stats socket /lab/clusters/demo/haproxy/stats.sock mode 600 level admin\n",
            "listen primary\n    bind 127.0.0.1:5000\n    option httpchk\n    http-check send meth GET uri /primary\n",
            "listen replicas\n    bind 127.0.0.1:5001\n    balance roundrobin\n    option httpchk\n    http-check send meth GET uri /replica\n",
            "    http-check expect status 200\n",
            "    default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions\n",
            "    server pg1 127.0.0.1:15433 maxconn 100 check port 18009\n",
            "    bind 127.0.0.1:5002\n    stats enable\n    stats uri /\n    stats auth hactl:lab-haproxy-secret\n    stats show-legends\n",
        ] {
            assert!(cfg.contains(line), "missing {line:?} in:\n{cfg}");
        }
        assert_eq!(haproxy.stats_url(), "http://127.0.0.1:5002/;csv");
    }

    #[test]
    fn pgbouncer_fronts_its_member_with_an_admin_console() {
        let dir = std::path::PathBuf::from("/lab/clusters/demo/pg1/pgbouncer");
        let bouncer = PgbouncerState {
            member: "pg1".into(),
            port: 6433,
            conf: dir.join("pgbouncer.ini"),
            log: dir.join("pgbouncer.log"),
            dir,
            process: None,
        };
        let ini = pgbouncer_ini(&bouncer, 15433);
        for line in [
            "postgres = host=127.0.0.1 port=15433 dbname=postgres\n",
            "listen_port = 6433\n",
            "auth_file = /lab/clusters/demo/pg1/pgbouncer/userlist.txt\n",
            "admin_users = pgbouncer\n",
        ] {
            assert!(ini.contains(line), "missing {line:?} in:\n{ini}");
        }
        assert_eq!(userlist(), "\"postgres\" \"lab-superuser-secret\"\n\"pgbouncer\" \"lab-pgbouncer-secret\"\n");
    }
}
