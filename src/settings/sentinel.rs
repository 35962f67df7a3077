//! hactl's own `sentinel` section, for `hactl sentinel`: the Redis Sentinels to ask, their
//! password and TLS. Patroni has no such section and ignores it.

use std::path::PathBuf;

use super::address::{endpoint, split_host_port};
use super::section::Section;
use super::{Secret, SettingsError};

/// The port of a Sentinel address given without one.
pub const DEFAULT_SENTINEL_PORT: u16 = 26379;

/// How to reach the Redis Sentinels: the `sentinel` section, which is hactl's own (Patroni has
/// none and ignores it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentinelSettings {
    /// `host:port` (IPv6 hosts in brackets), in configuration order; may be empty when the
    /// Sentinels come from `--sentinel` or `HACTL_SENTINELS`.
    pub hosts: Vec<String>,
    /// The Sentinels' `requirepass`.
    pub password: Option<Secret>,
    /// TLS: `tls: true`, or implied by `cacert` or `cert`.
    pub tls: bool,
    pub cacert: Option<PathBuf>,
    /// A client certificate, always with `key`.
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
}

/// The `sentinel` section: `hosts` (a list, or a comma-separated string, of `host[:port]` with
/// port 26379 by default), `password`, and TLS (`tls`, `cacert`, and `cert` with `key`).
pub(super) fn sentinel_settings(root: &Section) -> Result<Option<SentinelSettings>, SettingsError> {
    let Some(sentinel) = root.section("sentinel")? else {
        return Ok(None);
    };
    let hosts = sentinel
        .host_list("hosts")?
        .into_iter()
        .map(|entry| {
            // `[v6]` alone has no port, where `split_host_port` would take `…]` for one.
            let (host, port) = match entry.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
                Some(v6) => (v6.to_owned(), DEFAULT_SENTINEL_PORT),
                None => split_host_port(entry, DEFAULT_SENTINEL_PORT)
                    .map_err(|message| sentinel.bad_value("hosts", message))?,
            };
            Ok(endpoint(&host, port))
        })
        .collect::<Result<Vec<_>, SettingsError>>()?;
    let (cert, key) = (sentinel.path("cert")?, sentinel.path("key")?);
    match (&cert, &key) {
        (Some(_), None) => return Err(sentinel.bad_value("key", "missing: a client cert needs its key".to_owned())),
        (None, Some(_)) => return Err(sentinel.bad_value("cert", "missing: a client key needs its cert".to_owned())),
        _ => {}
    }
    let cacert = sentinel.path("cacert")?;
    Ok(Some(SentinelSettings {
        hosts,
        password: sentinel.scalar_text("password")?.map(Secret),
        tls: sentinel.flag("tls")? || cacert.is_some() || cert.is_some(),
        cacert,
        cert,
        key,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::test_support::*;

    #[test]
    fn sentinel_section_lists_hosts_with_the_default_port() {
        let settings = load_file(
            "sentinel:\n  hosts:\n  - 10.0.0.1:26380\n  - 10.0.0.2\n  - \"[fd00::3]\"\n  password: sentinel-secret\n",
            &[],
        )
        .unwrap();
        let sentinel = settings.sentinel.expect("a sentinel section");
        assert_eq!(sentinel.hosts, ["10.0.0.1:26380", "10.0.0.2:26379", "[fd00::3]:26379"]);
        assert_eq!(sentinel.password.as_ref().map(Secret::expose), Some("sentinel-secret"));
        assert!(!sentinel.tls && sentinel.cacert.is_none() && sentinel.cert.is_none());
        // The password never shows in debug output.
        assert!(!format!("{sentinel:?}").contains("sentinel-secret"));
    }

    #[test]
    fn sentinel_hosts_may_be_a_comma_string_or_absent() {
        let sentinel = load_file("sentinel:\n  hosts: a:1, b\n", &[]).unwrap().sentinel.unwrap();
        assert_eq!(sentinel.hosts, ["a:1", "b:26379"]);
        let without = load_file("sentinel:\n  password: 12345\n", &[]).unwrap().sentinel.unwrap();
        assert!(without.hosts.is_empty());
        assert_eq!(without.password.as_ref().map(Secret::expose), Some("12345"));
        assert_eq!(load_file("scope: demo\n", &[]).unwrap().sentinel, None);
    }

    #[test]
    fn sentinel_tls_is_on_with_the_flag_or_a_certificate() {
        let flag = load_file("sentinel:\n  hosts: a\n  tls: true\n", &[]).unwrap().sentinel.unwrap();
        assert!(flag.tls && flag.cacert.is_none());
        let cacert = load_file("sentinel:\n  hosts: a\n  cacert: /etc/redis/ca.pem\n", &[]).unwrap().sentinel.unwrap();
        assert!(cacert.tls);
        assert_eq!(cacert.cacert, Some(PathBuf::from("/etc/redis/ca.pem")));
        let mtls = load_file("sentinel:\n  hosts: a\n  cert: /c.pem\n  key: /k.pem\n  tls: false\n", &[])
            .unwrap()
            .sentinel
            .unwrap();
        assert!(mtls.tls);
        assert_eq!((mtls.cert, mtls.key), (Some(PathBuf::from("/c.pem")), Some(PathBuf::from("/k.pem"))));
    }

    #[test]
    fn bad_sentinel_sections_name_the_key() {
        let text = |yaml: &str| error_text(load_file(yaml, &[]));
        assert!(text("sentinel:\n  hosts: a:0\n").contains(": sentinel.hosts: \"a:0\": expected host:port"));
        assert!(text("sentinel:\n  hosts: [1]\n").contains(": sentinel.hosts[0]: expected a string"));
        assert!(
            text("sentinel:\n  hosts: {a: 1}\n")
                .contains(": sentinel.hosts: expected a list or a comma-separated string")
        );
        assert!(text("sentinel:\n  cert: /c.pem\n").contains(": sentinel.key: missing: a client cert needs its key"));
        assert!(text("sentinel:\n  key: /k.pem\n").contains(": sentinel.cert: missing: a client key needs its cert"));
        assert!(text("sentinel: [a]\n").contains(": sentinel: expected a mapping, found a list"));
        let secret = text("sentinel:\n  hosts: a:0\n  password: sentinel-secret\n");
        assert!(!secret.contains("sentinel-secret"), "{secret}");
    }
}
