//! Finding the programs the lab runs, with install hints for missing ones.

use std::env;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Flavor, LabError};

const DEBIAN_PG_BIN_DIR: &str = "/usr/lib/postgresql/15/bin";

pub(crate) struct RedisPrograms {
    pub server: PathBuf,
    pub sentinel: PathBuf,
}

pub(crate) fn etcd() -> Result<PathBuf, LabError> {
    debian_program("etcd", "etcd-server")
}

pub(crate) fn redis() -> Result<RedisPrograms, LabError> {
    Ok(RedisPrograms {
        server: debian_program("redis-server", "redis-server")?,
        sentinel: debian_program("redis-sentinel", "redis-sentinel")?,
    })
}

/// The proxy tier's programs, from Debian's packages (in /usr/sbin, which a user's PATH may lack).
pub(crate) fn haproxy() -> Result<PathBuf, LabError> {
    sbin_program("haproxy", "haproxy")
}

pub(crate) fn pgbouncer() -> Result<PathBuf, LabError> {
    sbin_program("pgbouncer", "pgbouncer")
}

/// Debian's `pgpool2`.
pub(crate) fn pgpool() -> Result<PathBuf, LabError> {
    sbin_program("pgpool", "pgpool2")
}

fn sbin_program(name: &str, package: &str) -> Result<PathBuf, LabError> {
    let sbin = Path::new("/usr/sbin").join(name);
    find_on_path(name)
        .or_else(|| is_executable(&sbin).then_some(sbin))
        .ok_or_else(|| missing(name, &format!("the Debian package {package}")))
}

/// What only the secured lab needs: `openssl` makes its certificates.
pub(crate) fn openssl() -> Result<PathBuf, LabError> {
    debian_program("openssl", "openssl")
}

/// The directory of `postgres`, `initdb` and `pg_basebackup` (Patroni's
/// `bin_dir`): Debian's PostgreSQL 15 first, else whatever pg_config names.
pub(crate) fn pg_bin_dir() -> Result<PathBuf, LabError> {
    let pg_config_dir = || {
        let out = Command::new("pg_config").arg("--bindir").output().ok()?;
        out.status.success().then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
    };
    [Some(PathBuf::from(DEBIAN_PG_BIN_DIR)), pg_config_dir()]
        .into_iter()
        .flatten()
        .find(|dir| is_executable(&dir.join("postgres")))
        .ok_or_else(|| missing("postgres", "the Debian package postgresql-15"))
}

/// The `patroni` executable of `flavor`: `$HACTL_PATRONI4_BIN` (or `3`), else
/// the venv that .ci/setup creates, else (4.x only) `patroni` on PATH.
pub(crate) fn patroni(flavor: Flavor) -> Result<PathBuf, LabError> {
    let (var, venv, version) = match flavor {
        Flavor::V4 => ("HACTL_PATRONI4_BIN", "/opt/hactl/patroni-4/bin/patroni", "4.1.5"),
        Flavor::V3 => ("HACTL_PATRONI3_BIN", "/opt/hactl/patroni-3/bin/patroni", "3.3.11"),
    };
    let install = format!("'patroni[etcd3]=={version}' psycopg2-binary with pip (see .ci/setup) or set {var}");
    if let Some(bin) = env::var_os(var) {
        let bin = PathBuf::from(bin);
        return match is_executable(&bin) {
            true => Ok(bin),
            false => Err(missing(&format!("{} (from {var})", bin.display()), &install)),
        };
    }
    let on_path = || (flavor == Flavor::V4).then(|| find_on_path("patroni")).flatten();
    Some(PathBuf::from(venv))
        .filter(|venv| is_executable(venv))
        .or_else(on_path)
        .ok_or_else(|| missing(&format!("patroni {version}"), &install))
}

fn debian_program(name: &str, package: &str) -> Result<PathBuf, LabError> {
    find_on_path(name).ok_or_else(|| missing(name, &format!("the Debian package {package}")))
}

fn missing(program: &str, package: &str) -> LabError {
    LabError::MissingProgram { program: program.to_owned(), package: package.to_owned() }
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    env::split_paths(&env::var_os("PATH")?).map(|dir| dir.join(name)).find(|path| is_executable(path))
}

fn is_executable(path: &Path) -> bool {
    path.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}
