//! `<lab dir>/ctl.yml`: the client config the lab writes for `hactl -c` and `patronictl -c`.

use std::fs;
use std::path::{Path, PathBuf};

use super::secure::{self, LabSecurity};
use super::state::LabState;
use super::state::PgpoolState;
use super::state::ProxiesState;
use super::{HAPROXY_STATS, PGBOUNCER_ADMIN, READ_BACKEND, SUPERUSER, WRITE_BACKEND};
use super::{LabError, quote, quote_path};

pub(crate) const CTL_CONFIG: &str = "ctl.yml";
/// `<lab dir>/pgpass`: the superuser's password as libpq's password file.
pub(crate) const PGPASS: &str = "pgpass";

/// Writes `<dir>/ctl.yml`, a config for `hactl -c` and `patronictl -c` that
/// points at the lab's etcd and, if given, at cluster `scope`. In a secured lab
/// it also holds the TLS files and passwords for etcd, the REST APIs and the
/// Sentinels (`sentinel:` section), and only its owner may read it.
pub fn write_ctl_config(state: &LabState, scope: Option<&str>) -> Result<PathBuf, LabError> {
    let path = state.dir.join(CTL_CONFIG);
    let scope_line = scope.map_or(String::new(), |scope| format!("scope: {}\n", quote(scope)));
    let Some(security) = &state.security else {
        let mut yaml = format!(
            "# Client config for the hactl lab in {}.\n{scope_line}namespace: /service/\n\
             etcd3:\n  hosts: {}\n",
            state.dir.display(),
            quote(&state.etcd_endpoints().join(","))
        );
        if let Some(redis) = &state.redis {
            yaml.push_str(&sentinel_hosts_yaml(redis));
        }
        let cluster = scope.and_then(|scope| state.cluster(scope));
        if let Some(proxies) = cluster.and_then(|c| c.proxies.as_ref()) {
            yaml.push_str(&proxies_yaml(proxies));
        }
        if let Some(pool) = cluster.and_then(|c| c.pgpool.as_ref()) {
            yaml.push_str(&pgpool_yaml(pool));
        }
        match cluster.is_some_and(|c| c.proxies.is_some() || c.pgpool.is_some()) {
            false => fs::write(&path, yaml).map_err(LabError::io("write", &path))?,
            // The proxies' lab-only passwords: only its owner may read it.
            true => secure::write_private(&path, yaml.as_bytes())?,
        }
        return Ok(path);
    };
    secure::write_private(&path, secured_yaml(state, security, &scope_line).as_bytes())?;
    Ok(path)
}

/// `<dir>/pgpass`: libpq's password file for the lab's superuser, for what reads PostgreSQL
/// (`status`, `query`, `check replication_slots`) with `PGUSER=postgres PGPASSFILE=<dir>/pgpass`.
pub(crate) fn write_pgpass(dir: &Path) -> Result<(), LabError> {
    let line = format!("# The hactl lab's superuser.\n*:*:*:{}:{}\n", SUPERUSER.user, SUPERUSER.password);
    secure::write_private(&dir.join(PGPASS), line.as_bytes())
}

/// The `sentinel` section's first lines: the lab's Sentinels.
fn sentinel_hosts_yaml(redis: &super::state::RedisState) -> String {
    let hosts: Vec<String> = redis.sentinels.iter().map(|s| format!("127.0.0.1:{}", s.port)).collect();
    format!("sentinel:\n  hosts: {}\n", quote(&hosts.join(",")))
}

/// The `haproxy` and `pgbouncer` sections for one cluster's proxy tier.
fn proxies_yaml(proxies: &ProxiesState) -> String {
    let haproxy = &proxies.haproxy;
    let hosts: Vec<String> = proxies.pgbouncers.iter().map(|p| format!("127.0.0.1:{}", p.port)).collect();
    format!(
        "haproxy:\n  stats_url: {url}\n  username: {user}\n  password: {password}\n  \
         write_backend: {write}\n  read_backend: {read}\n  write_dsn: {write_dsn}\n  read_dsn: {read_dsn}\n\
         pgbouncer:\n  hosts: {hosts}\n  user: {admin}\n  password: {admin_password}\n",
        url = quote(&haproxy.stats_url()),
        user = quote(HAPROXY_STATS.user),
        password = quote(HAPROXY_STATS.password),
        write = quote(WRITE_BACKEND),
        read = quote(READ_BACKEND),
        write_dsn = quote(&haproxy.dsn(haproxy.write_port)),
        read_dsn = quote(&haproxy.dsn(haproxy.read_port)),
        hosts = quote(&hosts.join(",")),
        admin = quote(PGBOUNCER_ADMIN.user),
        admin_password = quote(PGBOUNCER_ADMIN.password),
    )
}

/// The `pgpool` section: `SHOW POOL_NODES` as the lab's superuser.
fn pgpool_yaml(pool: &PgpoolState) -> String {
    let settings = pool.settings();
    format!(
        "pgpool:\n  hosts: {hosts}\n  user: {user}\n  password: {password}\n  dbname: {dbname}\n",
        hosts = quote(&settings.hosts.join(",")),
        user = quote(&settings.user),
        password = quote(SUPERUSER.password),
        dbname = quote(&settings.dbname),
    )
}

/// The secured lab's `ctl.yml`: etcd over HTTPS with hactl's client certificate and the
/// `patroni` user, the REST APIs with hactl's client certificate and basic auth, and the
/// Sentinels with their password.
fn secured_yaml(state: &LabState, security: &LabSecurity, scope_line: &str) -> String {
    let mut yaml = format!(
        "# Client config for the secured hactl lab in {dir}: it holds passwords, keep it private.\n\
         {scope_line}namespace: /service/\n\
         etcd3:\n  hosts: {hosts}\n  protocol: https\n  cacert: {ca}\n  cert: {cert}\n  key: {key}\n  \
         username: {etcd_user}\n  password: {etcd_password}\n\
         ctl:\n  cacert: {ca}\n  certfile: {cert}\n  keyfile: {key}\n  \
         authentication:\n    username: {rest_user}\n    password: {rest_password}\n",
        dir = state.dir.display(),
        hosts = quote(&state.etcd_endpoints().join(",")),
        ca = quote_path(&security.ca),
        cert = quote_path(&security.hactl.cert),
        key = quote_path(&security.hactl.key),
        etcd_user = quote(&security.etcd_user.user),
        etcd_password = quote(security.etcd_user.password.expose()),
        rest_user = quote(&security.rest.user),
        rest_password = quote(security.rest.password.expose()),
    );
    if let Some(redis) = &state.redis {
        yaml.push_str(&sentinel_hosts_yaml(redis));
        yaml.push_str(&format!("  password: {}\n", quote(security.redis_password.expose())));
    }
    yaml
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::super::{etcd, redis};
    use super::*;

    #[test]
    fn ctl_config_points_at_etcd_and_the_scope() {
        let dir = std::env::temp_dir().join(format!("hactl-lab-ctl-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let state = LabState {
            dir: dir.clone(),
            etcd: etcd::plan(&dir, 2479),
            redis: None,
            clusters: Vec::new(),
            security: None,
        };
        let with_scope = fs::read_to_string(write_ctl_config(&state, Some("demo")).unwrap()).unwrap();
        let without = fs::read_to_string(write_ctl_config(&state, None).unwrap()).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        let etcd = "etcd3:\n  hosts: \"127.0.0.1:2479,127.0.0.1:2481,127.0.0.1:2483\"\n";
        assert!(with_scope.contains("\nscope: \"demo\"\nnamespace: /service/\n"), "{with_scope}");
        assert!(with_scope.ends_with(etcd), "{with_scope}");
        assert!(!without.contains("scope:") && without.ends_with(etcd), "{without}");

        // With Redis, its Sentinels too (no password in the plain lab).
        let state = LabState { redis: Some(redis::plan(&dir, 6490)), ..state };
        fs::create_dir_all(&dir).unwrap();
        let with_redis = fs::read_to_string(write_ctl_config(&state, Some("demo")).unwrap()).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        let sentinel = "sentinel:\n  hosts: \"127.0.0.1:26490,127.0.0.1:26491,127.0.0.1:26492\"\n";
        assert!(with_redis.ends_with(&format!("{etcd}{sentinel}")), "{with_redis}");
    }

    #[test]
    fn ctl_config_holds_every_credential_and_only_its_owner_reads_it() {
        let dir = std::env::temp_dir().join(format!("hactl-lab-secure-ctl-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let security = secure::sample(&dir);
        let mut redis = redis::plan(&dir, 6490);
        redis.master_name = "mymaster".into();
        let state = LabState {
            dir: dir.clone(),
            etcd: etcd::plan(&dir, 2479),
            redis: Some(redis),
            clusters: Vec::new(),
            security: Some(security.clone()),
        };
        let path = write_ctl_config(&state, Some("demo")).unwrap();
        let yaml = fs::read_to_string(&path).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(mode, 0o600);
        for line in [
            "scope: \"demo\"\n",
            "etcd3:\n  hosts: \"127.0.0.1:2479,127.0.0.1:2481,127.0.0.1:2483\"\n  protocol: https\n",
            &format!("  cert: {}\n", quote_path(&security.hactl.cert)),
            "  username: \"patroni\"\n  password: \"etcd-pw\"\n",
            &format!("ctl:\n  cacert: {}\n", quote_path(&security.ca)),
            "  authentication:\n    username: \"patroni-rest\"\n    password: \"rest-pw\"\n",
            "sentinel:\n  hosts: \"127.0.0.1:26490,127.0.0.1:26491,127.0.0.1:26492\"\n  password: \"redis-pw\"\n",
        ] {
            assert!(yaml.contains(line), "missing {line:?} in:\n{yaml}");
        }
        assert!(!yaml.contains("root-pw"), "etcd's root password is the lab's own");
    }
}
