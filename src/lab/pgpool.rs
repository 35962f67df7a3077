//! The Pgpool-II variant of a cluster's routing tier (`--pgpool`): one Pgpool-II 4.3 (Debian's
//! `pgpool2`) in streaming-replication mode in front of every member. It has no failover or
//! follow-primary commands: Patroni decides, and Pgpool-II only follows. Its health check and
//! streaming-replication check log in as the lab's superuser; so do clients, whose password it
//! asks in clear text over loopback (`allow_clear_text_frontend_auth`) to answer the members'
//! SCRAM. Its PCP port (`pcp_attach_node`, `pcp_node_info`) takes the lab's PCP login.
//!
//! After a switchover Pgpool-II does not learn the new primary by itself: it finds the primary
//! only at start and on failover. The old primary, restarting as a replica, fails a health check
//! and is detached (`down`); Pgpool-II then searches for the primary among the nodes left and
//! takes the new one, and `auto_failback` attaches the old primary again once it streams.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use md5::Digest;

use super::net::Net;
use super::process::{self, User};
use super::secure::write_private_owned;
use super::state::{self, CLUSTERS_LOCK, ClusterState, PgpoolState};
use super::wait::Readiness;
use super::{Credentials, LabError, LabEvent, SUPERUSER};
use crate::tiers::pgpool;

/// Pgpool-II's port starts this far below the PostgreSQL base port (15432 → 9999, its usual
/// one), its PCP port just above it.
const PGPOOL_BELOW_PG: u16 = 5433;
const CHECK_TIMEOUT: Duration = Duration::from_secs(3);
/// The login of every lab Pgpool-II's PCP port.
pub const PCP_ADMIN: Credentials = Credentials { user: "pcp", password: "lab-pcp-secret" };

/// Gives `cluster` its Pgpool-II when it has none (claiming ports), then starts it if stopped.
pub(crate) fn start(
    lab_dir: &Path,
    cluster: &mut ClusterState,
    pg_base_port: u16,
    owner: Option<&User>,
    progress: &mut dyn FnMut(LabEvent),
) -> Result<(), LabError> {
    let _lock = state::lock(&lab_dir.join(CLUSTERS_LOCK))?;
    let pool = state::planned(lab_dir, cluster, |c| &mut c.pgpool, |c| plan(lab_dir, c, pg_base_port))?;
    let what = format!("pgpool of {}", cluster.scope);
    if pool.process.is_some_and(|p| p.is_alive()) {
        progress(LabEvent::AlreadyRunning { what });
        return Ok(());
    }
    progress(LabEvent::Starting { what: what.clone() });
    let bin = super::programs::pgpool()?;
    for port in pool.ports() {
        super::ensure_port_free(port, &what)?;
    }
    process::create_dir(&pool.dir, owner)?;
    // A stale pid file makes it refuse to start.
    let _ = std::fs::remove_file(pool.dir.join("pgpool.pid"));
    write_private_owned(&pool.conf, &pgpool_conf(cluster, &pool), owner)?;
    write_private_owned(&pool.pcp_conf(), &pcp_conf(), owner)?;
    write_private_owned(&pool.hba_conf(), "", owner)?;
    let mut cmd = Command::new(bin);
    // -n: stay in the foreground, so the pid we record is the main process's.
    cmd.arg("-n").arg("-f").arg(&pool.conf).arg("-F").arg(pool.pcp_conf()).arg("-a").arg(pool.hba_conf());
    cmd.current_dir(&pool.dir);
    if let Some(owner) = owner {
        owner.apply(&mut cmd);
    }
    let started = process::spawn_detached(&what, cmd, &pool.log, owner)?;
    cluster.pgpool.as_mut().expect("planned above").process = Some(started);
    state::write_cluster(lab_dir, cluster)
}

fn plan(lab_dir: &Path, cluster: &ClusterState, pg_base_port: u16) -> Result<PgpoolState, LabError> {
    let base = pg_base_port.checked_sub(PGPOOL_BELOW_PG).ok_or_else(|| {
        LabError::InvalidSpec(format!(
            "pgpool needs a PostgreSQL base port above {PGPOOL_BELOW_PG} (its ports are below it)"
        ))
    })?;
    let mut claimed = super::patroni::claimed_ports(lab_dir)?;
    let ports = super::patroni::pick_ports(base, 2, &mut claimed, super::port_is_free, "Pgpool-II")?;
    let dir = cluster.dir.join("pgpool");
    Ok(PgpoolState {
        port: ports[0],
        pcp_port: ports[1],
        conf: dir.join("pgpool.conf"),
        log: dir.join("pgpool.log"),
        dir,
        process: None,
    })
}

/// `user:md5(password)`, as `pg_md5` makes it.
fn pcp_conf() -> String {
    let digest = md5::Md5::digest(PCP_ADMIN.password.as_bytes());
    let hex = digest.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    });
    format!("{}:{hex}\n", PCP_ADMIN.user)
}

fn pgpool_conf(cluster: &ClusterState, pool: &PgpoolState) -> String {
    let dir = pool.dir.display();
    let quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let mut conf = format!(
        "# Pgpool-II of cluster {scope}, written by hactl lab. Patroni decides failovers: no commands.\n\
         backend_clustering_mode = 'streaming_replication'\n\
         listen_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{dir}'\n\
         pcp_listen_addresses = '127.0.0.1'\npcp_port = {pcp}\npcp_socket_dir = '{dir}'\n\
         pid_file_name = '{dir}/pgpool.pid'\nlogdir = '{dir}'\nlog_destination = 'stderr'\n\
         enable_pool_hba = off\npool_passwd = ''\nallow_clear_text_frontend_auth = on\n\
         num_init_children = 4\nmax_pool = 1\nload_balance_mode = on\nuse_watchdog = off\n\
         sr_check_period = 1\nsr_check_user = {user}\nsr_check_password = {password}\nsr_check_database = 'postgres'\n\
         health_check_period = 1\nhealth_check_timeout = 2\nhealth_check_max_retries = 0\n\
         health_check_user = {user}\nhealth_check_password = {password}\nhealth_check_database = 'postgres'\n\
         failover_command = ''\nfollow_primary_command = ''\nfailback_command = ''\n\
         failover_on_backend_error = off\nauto_failback = on\nauto_failback_interval = 1\n",
        scope = cluster.scope,
        port = pool.port,
        pcp = pool.pcp_port,
        user = quote(SUPERUSER.user),
        password = quote(SUPERUSER.password),
    );
    for (i, member) in cluster.members.iter().enumerate() {
        let _ = write!(
            conf,
            "backend_hostname{i} = '127.0.0.1'\nbackend_port{i} = {}\nbackend_weight{i} = 1\n\
             backend_flag{i} = 'ALLOW_TO_FAILOVER'\nbackend_application_name{i} = {}\n",
            member.pg_port,
            quote(&member.name)
        );
    }
    conf
}

/// Ready when `SHOW POOL_NODES` answers with every member up and, as its primary, the member
/// that holds the leader's role.
pub(crate) fn check(net: &Net, cluster: &ClusterState) -> Result<Readiness, LabError> {
    let Some(pool) = &cluster.pgpool else {
        return Ok(Readiness::Ready);
    };
    if !pool.process.is_some_and(|p| p.is_alive()) {
        return Err(LabError::Exited { what: format!("{}/pgpool", cluster.scope), log: pool.log.clone() });
    }
    let not_ready = |what: String| Ok(Readiness::NotReady { what, log: pool.log.clone() });
    let deadline = Instant::now() + CHECK_TIMEOUT;
    let read = net.block_on(pgpool::read(&pool.settings(), deadline)).into_iter().next().expect("one host");
    let info = match read.result {
        Ok(info) => info,
        Err(e) => return not_ready(e.to_string()),
    };
    let Some(primary) = cluster.primary() else {
        return not_ready(format!("cluster {}: no member holds the leader's role", cluster.scope));
    };
    let up = info.nodes.iter().filter(|n| n.is_up()).count();
    let pool_primary = info.primary().map(|n| n.port);
    if up != cluster.members.len() || pool_primary != Some(primary.pg_port) {
        return not_ready(format!(
            "pgpool of {}: {up} of {} nodes up, primary port {pool_primary:?}, not {}",
            cluster.scope,
            cluster.members.len(),
            primary.pg_port
        ));
    }
    Ok(Readiness::Ready)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn pgpool_fronts_every_member_and_runs_no_failover_command() {
        let dir = PathBuf::from("/lab/clusters/demo");
        let member = |i: u16| super::super::MemberState {
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
        let cluster = ClusterState {
            scope: "demo".into(),
            flavor: super::super::Flavor::V4,
            patroni_bin: "/opt/hactl/patroni-4/bin/patroni".into(),
            ttl: 30,
            loop_wait: 10,
            replication: Default::default(),
            standby_of: None,
            proxies: None,
            pgpool: None,
            members: vec![member(0), member(1)],
            dir: dir.clone(),
        };
        let pool_dir = dir.join("pgpool");
        let pool = PgpoolState {
            port: 9999,
            pcp_port: 10000,
            conf: pool_dir.join("pgpool.conf"),
            log: pool_dir.join("pgpool.log"),
            dir: pool_dir,
            process: None,
        };
        let conf = pgpool_conf(&cluster, &pool);
        for line in [
            "backend_clustering_mode = 'streaming_replication'\n",
            "port = 9999\n",
            "pcp_port = 10000\n",
            "pid_file_name = '/lab/clusters/demo/pgpool/pgpool.pid'\n",
            "failover_command = ''\n",
            "sr_check_user = 'postgres'\n",
            "backend_port1 = 15433\nbackend_weight1 = 1\nbackend_flag1 = 'ALLOW_TO_FAILOVER'\n",
            "backend_application_name0 = 'pg0'\n",
        ] {
            assert!(conf.contains(line), "missing {line:?} in:\n{conf}");
        }
        assert!(!conf.contains("backend_port2"));
        // What `pg_md5 lab-pcp-secret` prints.
        assert_eq!(pcp_conf(), "pcp:d03db54a8e0f5471c934b819ed809efe\n");
        assert_eq!(pool.settings().hosts, ["127.0.0.1:9999"]);
    }
}
