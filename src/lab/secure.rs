//! The secured lab ([`Security::Tls`]): a CA and certificates made with `openssl` at lab start,
//! etcd with client-certificate auth and user/password auth, Patroni's REST API over HTTPS with
//! client-certificate verification and basic auth, and Redis and its Sentinels behind a password.
//!
//! Everything lives in `<lab dir>/tls`: the certificates and keys (those Patroni reads owned by
//! the user that runs it, keys mode 0600) and `secrets.json` (mode 0600) with the passwords, which
//! are random and made once per lab. The lab's own checks reach the secured services with
//! [`LabSecurity::client_tls`].

use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

use super::process::{self, User};
use super::{LabError, REPLICATION, REWIND, SUPERUSER};

pub(crate) const TLS_DIR: &str = "tls";
const SECRETS_FILE: &str = "secrets.json";
const ETCD_ROOT_USER: &str = "root";
const ETCD_USER: &str = "patroni";
const REST_USER: &str = "patroni-rest";
const CERT_DAYS: &str = "365";

/// How the lab's services are reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain HTTP and no passwords (but PostgreSQL's).
    #[default]
    Plain,
    /// TLS and passwords everywhere: etcd over HTTPS with client-certificate auth and users
    /// (`root`, and `patroni` with read-write access to `/service/`), Patroni's REST API over HTTPS
    /// with `verify_client: required` and basic auth, and Redis and its Sentinels with a password.
    Tls,
}

impl Security {
    pub(crate) fn is_plain(&self) -> bool {
        *self == Security::Plain
    }
}

/// A password the secured lab generated. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LabPassword(String);

impl LabPassword {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for LabPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("******")
    }
}

/// A user name and its password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login {
    pub user: String,
    pub password: LabPassword,
}

/// A certificate and its private key, as PEM files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertPair {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// How the lab reaches a secured REST API (or etcd): HTTPS verified with `ca`, and a client
/// certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTls {
    pub ca: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// The certificates and credentials of a secured lab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabSecurity {
    /// `<lab dir>/tls`.
    pub dir: PathBuf,
    /// The lab's CA, which signed every certificate below.
    pub ca: PathBuf,
    pub ca_key: PathBuf,
    /// etcd's and every REST API's certificate: CN and subjectAltName 127.0.0.1 (and localhost).
    pub server: CertPair,
    /// Client certificates (OU hactl, patroni, patronictl; no CN). Patroni uses `patroni` for etcd and
    /// `patronictl` (its config's `ctl` section) for the other members' REST APIs, as patronictl
    /// does with the node's config; `hactl` is in the lab's ctl.yml and the lab's own checks.
    pub hactl: CertPair,
    pub patroni: CertPair,
    pub patronictl: CertPair,
    /// etcd's `root` user (role root), which only the lab itself uses.
    pub etcd_root: Login,
    /// etcd's `patroni` user: read-write on `/service/`. In every config the lab writes.
    pub etcd_user: Login,
    /// Basic auth of Patroni's REST API (`restapi.authentication`).
    pub rest: Login,
    /// `requirepass` of Redis and of the Sentinels.
    pub redis_password: LabPassword,
}

impl LabSecurity {
    /// Every password in the lab's configs: those generated for etcd, the REST API and Redis,
    /// and PostgreSQL's (fixed lab logins).
    pub fn passwords(&self) -> Vec<&str> {
        let generated = [&self.etcd_root.password, &self.etcd_user.password, &self.rest.password, &self.redis_password];
        generated
            .into_iter()
            .map(LabPassword::expose)
            .chain([SUPERUSER.password, REPLICATION.password, REWIND.password])
            .collect()
    }

    /// Every private key file.
    pub fn private_keys(&self) -> Vec<&Path> {
        [&self.ca_key, &self.server.key, &self.hactl.key, &self.patroni.key, &self.patronictl.key]
            .into_iter()
            .map(PathBuf::as_path)
            .collect()
    }

    /// How the lab itself reaches a REST API or etcd: the CA and hactl's client certificate.
    pub fn client_tls(&self) -> ApiTls {
        ApiTls { ca: self.ca.clone(), cert: self.hactl.cert.clone(), key: self.hactl.key.clone() }
    }

    fn new(lab_dir: &Path, secrets: Secrets) -> Self {
        let dir = lab_dir.join(TLS_DIR);
        let pair =
            |name: &str| CertPair { cert: dir.join(format!("{name}.crt")), key: dir.join(format!("{name}.key")) };
        Self {
            ca: dir.join("ca.crt"),
            ca_key: dir.join("ca.key"),
            server: pair("server"),
            hactl: pair("hactl"),
            patroni: pair("patroni"),
            patronictl: pair("patronictl"),
            etcd_root: Login { user: ETCD_ROOT_USER.into(), password: secrets.etcd_root },
            etcd_user: Login { user: ETCD_USER.into(), password: secrets.etcd_patroni },
            rest: Login { user: REST_USER.into(), password: secrets.rest },
            redis_password: secrets.redis,
            dir,
        }
    }
}

/// Fixed passwords and the paths of a lab in `lab_dir`, for unit tests (nothing is written).
#[cfg(test)]
pub(crate) fn sample(lab_dir: &Path) -> LabSecurity {
    let password = |p: &str| LabPassword(p.to_owned());
    let secrets = Secrets {
        etcd_root: password("root-pw"),
        etcd_patroni: password("etcd-pw"),
        rest: password("rest-pw"),
        redis: password("redis-pw"),
    };
    LabSecurity::new(lab_dir, secrets)
}

/// `<lab dir>/tls/secrets.json`.
#[derive(Serialize, Deserialize)]
struct Secrets {
    etcd_root: LabPassword,
    etcd_patroni: LabPassword,
    rest: LabPassword,
    redis: LabPassword,
}

/// Makes whatever is missing of the lab's CA, certificates and passwords; keeps what exists, so
/// that a restarted lab keeps its credentials. `owner` (who runs Patroni) gets the files Patroni
/// reads.
pub(crate) fn prepare(lab_dir: &Path, owner: Option<&User>) -> Result<LabSecurity, LabError> {
    let dir = lab_dir.join(TLS_DIR);
    process::create_dir(&dir, None)?;
    let secrets_path = dir.join(SECRETS_FILE);
    if !secrets_path.exists() {
        let secrets = Secrets {
            etcd_root: random_password()?,
            etcd_patroni: random_password()?,
            rest: random_password()?,
            redis: random_password()?,
        };
        let json = serde_json::to_vec_pretty(&secrets).expect("secrets always serialize");
        write_private(&secrets_path, &json)?;
    }
    let security = load(lab_dir)?;
    if !security.ca.exists() || !security.ca_key.exists() {
        make_ca(&security)?;
    }
    // Client certificates name their holder in OU and carry no CN: with authentication on,
    // etcd's JSON gateway (which Patroni uses) refuses a client certificate that has a CN.
    let leaves = [
        (&security.server, "CN = 127.0.0.1", "serverAuth,clientAuth", true),
        (&security.hactl, "O = hactl lab\nOU = hactl", "clientAuth", false),
        (&security.patroni, "O = hactl lab\nOU = patroni", "clientAuth", false),
        (&security.patronictl, "O = hactl lab\nOU = patronictl", "clientAuth", false),
    ];
    for (pair, subject, usage, server) in leaves {
        if !pair.cert.exists() || !pair.key.exists() {
            make_leaf(&security, pair, subject, usage, server)?;
        }
    }
    // Patroni (as `owner`) reads the CA, the REST API's certificate and its client certificates.
    if let Some(owner) = owner {
        for pair in [&security.server, &security.patroni, &security.patronictl] {
            owner.chown(&pair.cert)?;
            owner.chown(&pair.key)?;
        }
    }
    Ok(security)
}

/// The security of the secured lab in `lab_dir`, as [`prepare`] made it.
pub(crate) fn load(lab_dir: &Path) -> Result<LabSecurity, LabError> {
    let path = lab_dir.join(TLS_DIR).join(SECRETS_FILE);
    let bytes = fs::read(&path).map_err(LabError::io("read", &path))?;
    let secrets = serde_json::from_slice(&bytes).map_err(|source| LabError::State { path, source })?;
    Ok(LabSecurity::new(lab_dir, secrets))
}

fn random_password() -> Result<LabPassword, LabError> {
    let mut bytes = [0u8; 16];
    let urandom = Path::new("/dev/urandom");
    fs::File::open(urandom).and_then(|mut f| f.read_exact(&mut bytes)).map_err(LabError::io("read", urandom))?;
    Ok(LabPassword(bytes.iter().map(|b| format!("{b:02x}")).collect()))
}

/// Writes a file only its owner may read.
pub(crate) fn write_private(path: &Path, content: &[u8]) -> Result<(), LabError> {
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .and_then(|mut file| file.write_all(content))
        .and_then(|()| fs::set_permissions(path, fs::Permissions::from_mode(0o600)))
        .map_err(LabError::io("write", path))
}

/// Writes a file only `owner` (or, without one, the caller) may read: it holds passwords.
pub(crate) fn write_private_owned(path: &Path, text: &str, owner: Option<&User>) -> Result<(), LabError> {
    write_private(path, text.as_bytes())?;
    owner.map_or(Ok(()), |owner| owner.chown(path))
}

fn make_ca(security: &LabSecurity) -> Result<(), LabError> {
    let config = security.dir.join("ca.cnf");
    let text = "[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = hactl lab CA\n\
                [v3_ca]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\n\
                subjectKeyIdentifier = hash\n";
    fs::write(&config, text).map_err(LabError::io("write", &config))?;
    new_key(&security.ca_key)?;
    openssl(&[
        "req".as_ref(),
        "-x509".as_ref(),
        "-new".as_ref(),
        "-config".as_ref(),
        config.as_os_str(),
        "-extensions".as_ref(),
        "v3_ca".as_ref(),
        "-key".as_ref(),
        security.ca_key.as_os_str(),
        "-days".as_ref(),
        CERT_DAYS.as_ref(),
        "-sha256".as_ref(),
        "-out".as_ref(),
        security.ca.as_os_str(),
    ])
}

/// A key and a certificate for `subject` (lines of the `[dn]` section) signed by the lab's CA:
/// for `serverAuth` with subjectAltName 127.0.0.1 and localhost when `server`.
fn make_leaf(
    security: &LabSecurity,
    pair: &CertPair,
    subject: &str,
    usage: &str,
    server: bool,
) -> Result<(), LabError> {
    let config = pair.cert.with_extension("cnf");
    let csr = pair.cert.with_extension("csr");
    let san = if server { "subjectAltName = IP:127.0.0.1,DNS:localhost\n" } else { "" };
    let text = format!(
        "[req]\ndistinguished_name = dn\nprompt = no\n[dn]\n{subject}\n\
         [leaf]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature,keyEncipherment\n\
         extendedKeyUsage = {usage}\n{san}subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n"
    );
    fs::write(&config, text).map_err(LabError::io("write", &config))?;
    new_key(&pair.key)?;
    openssl(&[
        "req".as_ref(),
        "-new".as_ref(),
        "-config".as_ref(),
        config.as_os_str(),
        "-key".as_ref(),
        pair.key.as_os_str(),
        "-out".as_ref(),
        csr.as_os_str(),
    ])?;
    openssl(&[
        "x509".as_ref(),
        "-req".as_ref(),
        "-in".as_ref(),
        csr.as_os_str(),
        "-CA".as_ref(),
        security.ca.as_os_str(),
        "-CAkey".as_ref(),
        security.ca_key.as_os_str(),
        "-CAcreateserial".as_ref(),
        "-days".as_ref(),
        CERT_DAYS.as_ref(),
        "-sha256".as_ref(),
        "-extfile".as_ref(),
        config.as_os_str(),
        "-extensions".as_ref(),
        "leaf".as_ref(),
        "-out".as_ref(),
        pair.cert.as_os_str(),
    ])?;
    fs::remove_file(&csr).map_err(LabError::io("remove", &csr))
}

/// A P-256 key (PKCS#8 PEM), readable only by its owner.
fn new_key(path: &Path) -> Result<(), LabError> {
    // Created empty with mode 0600 first, so the key is never readable by others.
    write_private(path, b"")?;
    openssl(&[
        "genpkey".as_ref(),
        "-algorithm".as_ref(),
        "EC".as_ref(),
        "-pkeyopt".as_ref(),
        "ec_paramgen_curve:P-256".as_ref(),
        "-out".as_ref(),
        path.as_os_str(),
    ])
}

fn openssl(args: &[&std::ffi::OsStr]) -> Result<(), LabError> {
    let output = Command::new("openssl")
        .args(args)
        .env("OPENSSL_CONF", "/dev/null")
        .output()
        .map_err(|source| LabError::Spawn { program: "openssl".into(), source })?;
    match output.status.success() {
        true => Ok(()),
        false => Err(LabError::Command {
            program: format!("openssl {}", args.first().map_or(String::new(), |a| a.to_string_lossy().into_owned())),
            detail: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show_in_debug() {
        let password = LabPassword("s3cret-value".into());
        let login = Login { user: "u".into(), password: password.clone() };
        assert!(!format!("{login:?} {password:?}").contains("s3cret"));
        assert_eq!(password.expose(), "s3cret-value");
    }

    #[test]
    fn security_defaults_to_plain_and_serializes_lowercase() {
        assert_eq!(Security::default(), Security::Plain);
        assert_eq!(serde_json::to_string(&Security::Tls).unwrap(), "\"tls\"");
    }

    /// Makes the whole set with the real openssl and checks the chain and the server's names.
    #[test]
    fn prepare_makes_a_ca_signed_set_once() {
        let version = Command::new("openssl").arg("version").output();
        assert!(version.is_ok_and(|v| v.status.success()), "openssl runs (.ci/setup installs it)");
        let dir = std::env::temp_dir().join(format!("hactl-lab-secure-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let first = prepare(&dir, None).unwrap();
        let cert_before = fs::read(&first.server.cert).unwrap();
        let second = prepare(&dir, None).unwrap();
        assert_eq!(first, second, "a second prepare keeps the passwords");
        assert_eq!(fs::read(&second.server.cert).unwrap(), cert_before, "and the certificates");
        for pair in [&first.server, &first.hactl, &first.patroni, &first.patronictl] {
            let verify = Command::new("openssl")
                .env("OPENSSL_CONF", "/dev/null")
                .args(["verify", "-CAfile"])
                .arg(&first.ca)
                .arg(&pair.cert)
                .output()
                .unwrap();
            assert!(verify.status.success(), "{}", String::from_utf8_lossy(&verify.stderr));
            let mode = fs::metadata(&pair.key).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", pair.key.display());
        }
        let text = Command::new("openssl")
            .env("OPENSSL_CONF", "/dev/null")
            .args(["x509", "-noout", "-text", "-in"])
            .arg(&first.server.cert)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("IP Address:127.0.0.1"), "{text}");
        let secrets_mode = fs::metadata(dir.join(TLS_DIR).join(SECRETS_FILE)).unwrap().permissions().mode() & 0o777;
        assert_eq!(secrets_mode, 0o600);
        assert_eq!(first.passwords().len(), 7);
        assert!(first.passwords()[..4].iter().all(|p| p.len() == 32));
        fs::remove_dir_all(&dir).unwrap();
    }
}
