//! The etcd3 section: which DCS the configuration uses, and the endpoints, TLS files and
//! credentials of etcd as `AbstractEtcd.get_etcd_client` reads them.

use std::path::PathBuf;

use super::address::{endpoint, has_port, redact_password, split_host_port, split_url};
use super::section::{Section, shown};
use super::{Secret, SettingsError};

pub(super) const DEFAULT_ETCD_PORT: u16 = 2379;

/// The DCS sections in the order `dcs.get_dcs` tries them (its modules, sorted by name): the
/// first one present in the configuration is the one Patroni and patronictl use.
pub(super) const DCS_SECTIONS: [&str; 7] = ["consul", "etcd", "etcd3", "exhibitor", "kubernetes", "raft", "zookeeper"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Http,
    Https,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }
}

/// How to reach etcd through its v3 API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EtcdSettings {
    /// `host:port` (IPv6 hosts in brackets), in configuration order.
    pub endpoints: Vec<String>,
    /// `http` unless `protocol` or the `url` scheme says otherwise: Patroni does not switch to
    /// https because TLS files are configured.
    pub protocol: Scheme,
    pub cacert: Option<PathBuf>,
    pub cert: Option<PathBuf>,
    /// Set exactly when `cert` is: `key`, else the `cert` file itself, which then holds the key
    /// too (`ssl.load_cert_chain` reads both from one file when no key file is given).
    pub key: Option<PathBuf>,
    /// Set only together with `password`: python-etcd authenticates only when it has both.
    pub username: Option<String>,
    pub password: Option<Secret>,
    /// Set when a host came without a port and none was configured, so that 2379 was assumed
    /// (as Patroni does): which variable or key, for the error when etcd cannot be reached there.
    pub assumed_port: Option<String>,
}

impl EtcdSettings {
    /// The same endpoints and TLS without the user: what Patroni's client falls back to when
    /// etcd answers that authentication is not enabled.
    pub fn without_user(&self) -> EtcdSettings {
        EtcdSettings { username: None, password: None, ..self.clone() }
    }

    /// Plain HTTP to these `host:port` endpoints, without TLS or a user.
    pub fn plain(endpoints: Vec<String>) -> EtcdSettings {
        EtcdSettings {
            endpoints,
            protocol: Scheme::Http,
            cacert: None,
            cert: None,
            key: None,
            username: None,
            password: None,
            assumed_port: None,
        }
    }

    /// The endpoints as URLs, e.g. `http://127.0.0.1:2379`.
    pub fn urls(&self) -> Vec<String> {
        self.endpoints.iter().map(|endpoint| format!("{}://{endpoint}", self.protocol.as_str())).collect()
    }
}

/// `dcs.get_dcs`: the first DCS section present decides, and only etcd3 is supported.
pub(super) fn etcd3_settings(root: &Section) -> Result<Option<EtcdSettings>, SettingsError> {
    let Some(dcs) = DCS_SECTIONS.into_iter().find(|name| root.raw(name).is_some()) else {
        return Ok(None);
    };
    if dcs != "etcd3" {
        let dcs = dcs.to_owned();
        return Err(if root.raw("etcd3").is_some() {
            SettingsError::DcsShadowsEtcd3 { dcs }
        } else {
            SettingsError::UnsupportedDcs { dcs }
        });
    }
    root.section("etcd3")?.map(|etcd3| etcd_settings(&etcd3)).transpose()
}

/// `AbstractEtcd.get_etcd_client` and `_get_machines_cache_from_config`: `proxy` wins, then
/// `srv`, then `url`, then `hosts`, then `host`.
fn etcd_settings(etcd: &Section) -> Result<EtcdSettings, SettingsError> {
    if etcd.value("proxy").is_none()
        && let Some(key) = ["srv", "srv_domain", "discovery_srv"].into_iter().find(|key| etcd.value(key).is_some())
    {
        return Err(SettingsError::Unsupported {
            origin: etcd.origin_of(key).to_owned(),
            key: etcd.key_of(key),
            reason: "DNS SRV discovery needs DNS lookups; list the endpoints in etcd3.hosts instead",
        });
    }
    let url_with_key = match ["proxy", "url"].into_iter().find(|key| etcd.value(key).is_some()) {
        Some(key) => etcd.text(key)?.map(|url| (key, url)),
        None => None,
    };
    let mut assumed_port = None;
    let (protocol, endpoints, url_credentials) = match url_with_key {
        Some((key, url)) => {
            let (protocol, endpoint, credentials) = etcd_url(&url)
                .map_err(|message| etcd.bad_value(key, format!("{message} in {}", redact_password(&url))))?;
            (protocol, vec![endpoint], credentials)
        }
        None => {
            let (endpoints, assumed) = host_endpoints(etcd)?;
            assumed_port = assumed;
            (protocol(etcd)?, endpoints, None)
        }
    };
    // Credentials in the URL win; without them the section's own apply.
    let (username, password) = match url_credentials {
        Some((username, password)) => (Some(username), password),
        None => (etcd.scalar_text("username")?, etcd.scalar_text("password")?),
    };
    let (username, password) = match (username, password) {
        (Some(username), Some(password)) => (Some(username), Some(Secret(password))),
        _ => (None, None),
    };
    let cert = etcd.path("cert")?;
    let key = match cert {
        Some(_) => etcd.path("key")?,
        None => None,
    };
    Ok(EtcdSettings { endpoints, protocol, cacert: etcd.path("cacert")?, cert, key, username, password, assumed_port })
}

/// A user name, and the password if there is one.
type UrlCredentials = (String, Option<String>);

/// `etcd3.url` or `etcd3.proxy`: the protocol, the one endpoint (port 2379 by default) and the
/// credentials it carries, if any.
fn etcd_url(url: &str) -> Result<(Scheme, String, Option<UrlCredentials>), String> {
    let parts = split_url(url)?;
    let protocol = match parts.scheme.as_str() {
        "http" => Scheme::Http,
        "https" => Scheme::Https,
        _ => return Err("expected an http:// or https:// URL".to_owned()),
    };
    let port = parts.port_or(DEFAULT_ETCD_PORT);
    let host = parts.host.ok_or("no host")?;
    let non_empty = |text: Option<String>| text.filter(|text| !text.is_empty());
    let credentials = non_empty(parts.username).map(|username| (username, non_empty(parts.password)));
    Ok((protocol, endpoint(&host, port), credentials))
}

/// `protocol` for `host`/`hosts`: `http` unless set.
fn protocol(etcd: &Section) -> Result<Scheme, SettingsError> {
    match etcd.text("protocol")?.map(|protocol| protocol.to_ascii_lowercase()).as_deref() {
        None | Some("http") => Ok(Scheme::Http),
        Some("https") => Ok(Scheme::Https),
        Some(_) => {
            let found = etcd.raw("protocol").map_or_else(String::new, shown);
            Err(etcd.bad_value("protocol", format!("expected http or https, found {found}")))
        }
    }
}

/// The endpoints of `hosts` (a list, or a comma-separated string) with `port` as the default
/// port; when that gives no endpoint, of `host` with `port` overriding its own port. And, when a
/// host had no port and no `port` was set, what named it (`PATRONI_ETCD3_HOST: ...` or
/// `file: etcd3.host: ...`): 2379 was assumed.
fn host_endpoints(etcd: &Section) -> Result<(Vec<String>, Option<String>), SettingsError> {
    let configured_port = etcd.port("port")?;
    let assumed = |field: &str, entry: &str| {
        let message = format!("{entry:?} has no port, so {DEFAULT_ETCD_PORT} was assumed (as Patroni does)");
        etcd.bad_value(field, message).to_string()
    };
    let default_port = configured_port.unwrap_or(DEFAULT_ETCD_PORT);
    let mut assumed_port = None;
    let endpoints = etcd
        .host_list("hosts")?
        .into_iter()
        .map(|entry| {
            let (host, port) =
                split_host_port(entry, default_port).map_err(|message| etcd.bad_value("hosts", message))?;
            if configured_port.is_none() && !has_port(entry) && assumed_port.is_none() {
                assumed_port = Some(assumed("hosts", entry));
            }
            Ok(endpoint(&host, port))
        })
        .collect::<Result<Vec<_>, SettingsError>>()?;
    if !endpoints.is_empty() {
        return Ok((endpoints, assumed_port));
    }
    match etcd.text("host")? {
        Some(host) => {
            let host = host.trim();
            let (name, own_port) =
                split_host_port(host, DEFAULT_ETCD_PORT).map_err(|message| etcd.bad_value("host", message))?;
            let assumed_port = (configured_port.is_none() && !has_port(host)).then(|| assumed("host", host));
            Ok((vec![endpoint(&name, configured_port.unwrap_or(own_port))], assumed_port))
        }
        None => Err(etcd.bad_section("neither srv, hosts, host nor url is defined".to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use crate::settings::test_support::*;

    #[test]
    fn patronictl_yaml_with_a_hosts_list() {
        let text = "scope: demo\nnamespace: /pg\netcd3:\n  hosts:\n  - 127.0.0.1:2379\n  - 127.0.0.2:2380\n";
        let settings = load_file(text, &[]).unwrap();
        assert_eq!(settings.scope.as_deref(), Some("demo"));
        assert_eq!(settings.namespace, "/pg");
        let etcd = settings.etcd3.unwrap();
        assert_eq!(etcd.urls(), ["http://127.0.0.1:2379", "http://127.0.0.2:2380"]);
        assert_eq!(etcd.protocol, Scheme::Http);
        assert_eq!((etcd.username, etcd.password), (None, None));
    }

    #[test]
    fn hosts_as_a_comma_string_default_their_ports() {
        let settings = load_file("etcd3:\n  hosts: 'a:1, b ,c:3,'\n", &[]).unwrap();
        assert_eq!(endpoints(&settings), ["a:1", "b:2379", "c:3"]);
        let settings = load_file("etcd3:\n  hosts: [a, 'b:3']\n  port: 4001\n", &[]).unwrap();
        assert_eq!(endpoints(&settings), ["a:4001", "b:3"]);
    }

    #[test]
    fn a_host_without_a_port_is_named_with_the_port_assumed() {
        let assumed = |settings: Settings| settings.etcd3.unwrap().assumed_port;
        assert_eq!(
            assumed(load_env(&[("PATRONI_ETCD3_HOST", "e")]).unwrap()).as_deref(),
            Some("PATRONI_ETCD3_HOST: \"e\" has no port, so 2379 was assumed (as Patroni does)")
        );
        assert_eq!(
            assumed(load_env(&[("PATRONI_ETCD3_HOSTS", "a:1,b")]).unwrap()).as_deref(),
            Some("PATRONI_ETCD3_HOSTS: \"b\" has no port, so 2379 was assumed (as Patroni does)")
        );
        assert_eq!(assumed(load_env(&[("PATRONI_ETCD3_HOST", "e"), ("PATRONI_ETCD3_PORT", "1")]).unwrap()), None);
        assert_eq!(assumed(load_env(&[("PATRONI_ETCD3_HOSTS", "a:1,[::1]:2")]).unwrap()), None);
        let from_file = assumed(load_file("etcd3:\n  host: e1\n", &[]).unwrap()).unwrap();
        assert!(
            from_file
                .ends_with("patronictl.yaml: etcd3.host: \"e1\" has no port, so 2379 was assumed (as Patroni does)"),
            "{from_file}"
        );
    }

    #[test]
    fn host_takes_its_port_from_port_when_set() {
        assert_eq!(endpoints(&load_file("etcd3:\n  host: e1\n", &[]).unwrap()), ["e1:2379"]);
        assert_eq!(endpoints(&load_file("etcd3:\n  host: e1:1234\n", &[]).unwrap()), ["e1:1234"]);
        assert_eq!(endpoints(&load_file("etcd3:\n  host: e1:1234\n  port: 4321\n", &[]).unwrap()), ["e1:4321"]);
        assert_eq!(endpoints(&load_file("etcd3:\n  host: '[::1]:2390'\n", &[]).unwrap()), ["[::1]:2390"]);
    }

    #[test]
    fn hosts_win_over_host_unless_they_give_no_endpoint() {
        let settings = load_file("etcd3:\n  host: h:1\n  hosts: [a:2]\n", &[]).unwrap();
        assert_eq!(endpoints(&settings), ["a:2"]);
        let settings = load_file("etcd3:\n  host: h:1\n  hosts: []\n", &[]).unwrap();
        assert_eq!(endpoints(&settings), ["h:1"]);
    }

    #[test]
    fn url_and_proxy_give_one_endpoint_and_the_protocol() {
        let settings = load_file("etcd3:\n  url: https://Etcd.example:2381\n  hosts: [a, b]\n", &[]).unwrap();
        let etcd = settings.etcd3.unwrap();
        assert_eq!((etcd.endpoints, etcd.protocol), (vec!["etcd.example:2381".to_owned()], Scheme::Https));
        let settings = load_file("etcd3:\n  url: http://e\n  proxy: https://proxy\n", &[]).unwrap();
        assert_eq!(settings.etcd3.unwrap().urls(), ["https://proxy:2379"]);
    }

    #[test]
    fn url_credentials_win_over_the_section_ones() {
        let text = "etcd3:\n  url: http://u:p@e:1\n  username: cu\n  password: cp\n";
        let etcd = load_file(text, &[]).unwrap().etcd3.unwrap();
        assert_eq!((etcd.username.as_deref(), etcd.password.unwrap().expose()), (Some("u"), "p"));
        let text = "etcd3:\n  url: http://e:1\n  username: cu\n  password: cp\n";
        let etcd = load_file(text, &[]).unwrap().etcd3.unwrap();
        assert_eq!((etcd.username.as_deref(), etcd.password.unwrap().expose()), (Some("cu"), "cp"));
    }

    #[test]
    fn bad_url_is_an_error_without_its_password() {
        let message = error_text(load_file("etcd3:\n  url: ftp://u:hunter2@e:1\n", &[]));
        assert!(message.contains("etcd3.url: expected an http:// or https:// URL"), "{message}");
        assert!(message.contains("ftp://u:***@e:1"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
    }

    #[test]
    fn srv_discovery_is_unsupported() {
        for key in ["srv", "srv_domain", "discovery_srv"] {
            let error = load_file(&format!("etcd3:\n  {key}: example.com\n  hosts: [a]\n"), &[]).unwrap_err();
            assert!(
                matches!(&error, SettingsError::Unsupported { key: k, .. } if *k == format!("etcd3.{key}")),
                "{error}"
            );
            assert!(error.to_string().contains("not supported by hactl"), "{error}");
        }
    }

    #[test]
    fn etcd3_section_without_endpoints_is_an_error() {
        let message = error_text(load_file("etcd3:\n  protocol: https\n", &[]));
        assert!(message.ends_with("etcd3: neither srv, hosts, host nor url is defined"), "{message}");
        let message = error_text(load_file("etcd3: {}\n", &[]));
        assert!(message.ends_with("etcd3: neither srv, hosts, host nor url is defined"), "{message}");
        // A null section is dropped when the file is merged (`utils.patch_config`).
        assert_eq!(load_file("etcd3:\n", &[]).unwrap().etcd3, None);
    }

    #[test]
    fn protocol_stays_http_with_tls_files_unless_set() {
        let etcd = load_file("etcd3:\n  host: e\n  cacert: /ca.pem\n  cert: /c.pem\n", &[]).unwrap().etcd3.unwrap();
        assert_eq!(etcd.protocol, Scheme::Http);
        assert_eq!((etcd.cacert, etcd.cert), (Some(PathBuf::from("/ca.pem")), Some(PathBuf::from("/c.pem"))));
        let etcd = load_file("etcd3:\n  host: e\n  protocol: HTTPS\n", &[]).unwrap().etcd3.unwrap();
        assert_eq!(etcd.urls(), ["https://e:2379"]);
        let message = error_text(load_file("etcd3:\n  host: e\n  protocol: grpc\n", &[]));
        assert!(message.ends_with("etcd3.protocol: expected http or https, found \"grpc\""), "{message}");
    }

    #[test]
    fn credentials_need_both_parts_and_a_key_needs_a_cert() {
        let etcd = load_file("etcd3:\n  host: e\n  username: u\n  key: /k.pem\n", &[]).unwrap().etcd3.unwrap();
        assert_eq!((etcd.username, etcd.password, etcd.key), (None, None, None));
        let etcd = load_file("etcd3:\n  host: e\n  username: u\n  password: 1234\n", &[]).unwrap().etcd3.unwrap();
        assert_eq!(etcd.password.unwrap().expose(), "1234");
    }

    #[test]
    fn unsupported_dcs_in_file_or_environment() {
        for dcs in ["etcd", "consul", "zookeeper", "kubernetes", "exhibitor", "raft"] {
            let error = load_file(&format!("scope: s\n{dcs}:\n  host: h\n"), &[]).unwrap_err();
            assert!(matches!(&error, SettingsError::UnsupportedDcs { dcs: d } if d == dcs), "{error}");
            assert!(error.to_string().contains("configure an etcd3 section or use --dcs-url etcd3://host:port"));
        }
        let error = load_env(&[("PATRONI_CONSUL_HOST", "c:8500")]).unwrap_err();
        assert!(matches!(&error, SettingsError::UnsupportedDcs { dcs } if dcs == "consul"), "{error}");
        let error = load_env(&[("PATRONI_RAFT_DATA_DIR", "/raft")]).unwrap_err();
        assert!(matches!(&error, SettingsError::UnsupportedDcs { dcs } if dcs == "raft"), "{error}");
    }

    #[test]
    fn a_dcs_patroni_prefers_over_etcd3_is_an_error() {
        let error = load_file("etcd:\n  host: a\netcd3:\n  host: b\n", &[]).unwrap_err();
        assert!(matches!(&error, SettingsError::DcsShadowsEtcd3 { dcs } if dcs == "etcd"), "{error}");
        // Sections sorting after etcd3 lose to it, as in `dcs.get_dcs`.
        let settings = load_file("zookeeper:\n  hosts: [z]\netcd3:\n  host: b\n", &[]).unwrap();
        assert_eq!(endpoints(&settings), ["b:2379"]);
    }

    #[test]
    fn a_host_without_a_port_takes_2379_as_in_patroni() {
        // `AbstractEtcd.get_etcd_client` calls `split_host_port(host, 2379)`: a bare host is no error.
        assert_eq!(endpoints(&load_env(&[("PATRONI_ETCD3_HOST", "127.0.0.1")]).unwrap()), ["127.0.0.1:2379"]);
        assert_eq!(endpoints(&load_env(&[("PATRONI_ETCD3_HOSTS", "a,b:2379")]).unwrap()), ["a:2379", "b:2379"]);
        // An empty or unusable port is an error naming the variable.
        let message = error_text(load_env(&[("PATRONI_ETCD3_HOST", "127.0.0.1:")]));
        assert_eq!(message, "PATRONI_ETCD3_HOST: \"127.0.0.1:\": expected host:port with a port number (1-65535)");
        let message = error_text(load_env(&[("PATRONI_ETCD3_HOSTS", "a,b:x")]));
        assert_eq!(message, "PATRONI_ETCD3_HOSTS: \"b:x\": expected host:port with a port number (1-65535)");
        let message = error_text(load_env(&[("PATRONI_ETCD3_HOST", "e"), ("PATRONI_ETCD3_PORT", "twenty")]));
        assert_eq!(message, "PATRONI_ETCD3_PORT: expected a port number (1-65535), found \"twenty\"");
    }

    #[test]
    fn a_bad_protocol_names_the_variable_or_the_key() {
        let message = error_text(load_env(&[("PATRONI_ETCD3_HOST", "e"), ("PATRONI_ETCD3_PROTOCOL", "grpc")]));
        assert_eq!(message, "PATRONI_ETCD3_PROTOCOL: expected http or https, found \"grpc\"");
        let scratch = Scratch::new();
        let path = scratch.write("p.yml", "etcd3:\n  host: e\n  protocol: grpc\n");
        let message = error_text(load_with(Some(&path), None, &scratch.env(&[])));
        assert_eq!(message, format!("{}: etcd3.protocol: expected http or https, found \"grpc\"", path.display()));
    }
}
