//! `-d/--dcs-url`: `ctl.parse_dcs` as `ctl.load_config` applies it, which replaces every DCS
//! section with one etcd3 host and may set the namespace.

use yaml_serde::Mapping;

use super::address::{redact_password, split_url};
use super::etcd3::DEFAULT_ETCD_PORT;
use super::{Local, SettingsError};

/// `ctl.DCS_DEFAULTS`: the schemes `--dcs-url` accepts, in order, with their default ports.
const DCS_URL_SCHEMES: [(&str, u16); 5] =
    [("zookeeper", 2181), ("exhibitor", 8181), ("consul", 8500), ("etcd", 2379), ("etcd3", 2379)];

/// `ctl.parse_dcs` as applied by `ctl.load_config`.
pub(super) fn apply_dcs_url(local: &mut Local, raw: &str) -> Result<(), SettingsError> {
    let target = parse_dcs_url(raw)?;
    for (section, _) in DCS_URL_SCHEMES {
        local.config.remove(section);
    }
    let mut etcd3 = Mapping::new();
    etcd3.insert("host".into(), format!("{}:{}", target.host, target.port).into());
    local.config.insert("etcd3".into(), etcd3.into());
    let origins = &mut local.origins.overrides;
    origins.retain(|(key, _)| key != "etcd3" && !key.starts_with("etcd3."));
    origins.push(("etcd3".to_owned(), "--dcs-url".to_owned()));
    if let Some(namespace) = target.namespace {
        local.config.insert("namespace".into(), namespace.into());
        origins.push(("namespace".to_owned(), "--dcs-url".to_owned()));
    }
    Ok(())
}

struct DcsTarget {
    host: String,
    port: u16,
    namespace: Option<String>,
}

fn parse_dcs_url(raw: &str) -> Result<DcsTarget, SettingsError> {
    let error = |message: String| SettingsError::DcsUrl { url: redact_password(raw), message };
    // Without `//` the whole value is the network location.
    let url = if raw.contains("//") { raw.to_owned() } else { format!("//{raw}") };
    let parts = split_url(&url).map_err(error)?;
    if parts.scheme.is_empty() {
        // patronictl picks the scheme whose default port matches, else etcd.
        let guessed =
            DCS_URL_SCHEMES.iter().find(|(_, port)| Some(*port) == parts.port).map_or("etcd", |(name, _)| name);
        return Err(error(format!(
            "without a scheme patronictl reads this as {guessed}://; hactl talks to etcd through the v3 API \
             only: use etcd3://{}",
            redact_password(raw.trim_start_matches('/'))
        )));
    }
    match parts.scheme.as_str() {
        "etcd3" => {}
        "etcd" => {
            return Err(error("etcd:// is the etcd v2 API, which hactl does not support: use etcd3://".to_owned()));
        }
        scheme if DCS_URL_SCHEMES.iter().any(|(name, _)| *name == scheme) => {
            return Err(error(format!(
                "{scheme} is not supported: hactl talks to etcd through the v3 API only; use etcd3://"
            )));
        }
        scheme => return Err(error(format!("Unknown dcs scheme: {scheme}"))),
    }
    let path = parts.path.trim();
    Ok(DcsTarget {
        port: parts.port_or(DEFAULT_ETCD_PORT),
        host: parts.host.unwrap_or_else(|| "localhost".to_owned()),
        namespace: (!path.is_empty() && path != "/").then(|| path.to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use crate::settings::Scheme;
    use crate::settings::test_support::*;

    #[test]
    fn dcs_url_forms() {
        let cases = [
            ("etcd3://10.0.0.5:2390", "10.0.0.5:2390", "/service/"),
            ("etcd3://etcd.local", "etcd.local:2379", "/service/"),
            ("etcd3://h:2390/customns", "h:2390", "/customns"),
            ("etcd3://h:2390/", "h:2390", "/service/"),
            ("etcd3://[::1]:23", "[::1]:23", "/service/"),
            ("etcd3://", "localhost:2379", "/service/"),
            ("etcd3://:0", "localhost:2379", "/service/"),
            ("ETCD3://u:p@Host:5/a b ", "host:5", "/a b"),
        ];
        for (url, endpoint, namespace) in cases {
            let settings = load_env_with_dcs(url, &[]).unwrap();
            assert_eq!(endpoints(&settings), [endpoint], "{url}");
            assert_eq!(settings.namespace, namespace, "{url}");
            assert_eq!(settings.etcd3.unwrap().protocol, Scheme::Http, "{url}");
        }
    }

    #[test]
    fn dcs_url_replaces_the_file_and_environment_dcs_and_namespace() {
        let scratch = Scratch::new();
        let text = "scope: filescope\nnamespace: /filens/\netcd3:\n  hosts: [f1, f2]\n  protocol: https\n  \
                    cacert: /ca\n  username: u\n  password: p\n";
        let path = scratch.write("patroni.yml", text);
        let env = scratch.env(&[("PATRONI_ETCD3_HOSTS", "e1"), ("PATRONI_NAMESPACE", "/envns/")]);
        let settings = load_with(Some(&path), Some("etcd3://x:1/dns/"), &env).unwrap();
        assert_eq!(settings.scope.as_deref(), Some("filescope"));
        assert_eq!(settings.namespace, "/dns/");
        let etcd = settings.etcd3.unwrap();
        assert_eq!(etcd.urls(), ["http://x:1"]);
        assert_eq!((etcd.cacert, etcd.username, etcd.password), (None, None, None));
        // Without a path the namespace stays as the file and environment set it.
        let settings = load_with(Some(&path), Some("etcd3://x:1"), &env).unwrap();
        assert_eq!(settings.namespace, "/envns/");
    }

    #[test]
    fn dcs_url_replaces_an_unsupported_dcs_section() {
        let scratch = Scratch::new();
        let path = scratch.write("patroni.yml", "consul:\n  host: c:8500\netcd:\n  host: e\n");
        let settings = load_with(Some(&path), Some("etcd3://x:1"), &scratch.env(&[])).unwrap();
        assert_eq!(endpoints(&settings), ["x:1"]);
    }

    #[test]
    fn dcs_url_without_etcd3_scheme_is_rejected() {
        let message = error_text(load_env_with_dcs("127.0.0.1:2379", &[]));
        assert!(message.contains("patronictl reads this as etcd://"), "{message}");
        assert!(message.contains("use etcd3://127.0.0.1:2379"), "{message}");
        let message = error_text(load_env_with_dcs("zk:2181", &[]));
        assert!(message.contains("reads this as zookeeper://"), "{message}");
        let message = error_text(load_env_with_dcs("etcd://h:2379", &[]));
        assert!(
            message.contains("etcd:// is the etcd v2 API, which hactl does not support: use etcd3://"),
            "{message}"
        );
        let message = error_text(load_env_with_dcs("consul://h", &[]));
        assert!(message.contains("consul is not supported"), "{message}");
        let message = error_text(load_env_with_dcs("foo://h", &[]));
        assert!(message.ends_with("Unknown dcs scheme: foo"), "{message}");
        let message = error_text(load_env_with_dcs("etcd3://u:hunter2@h:99999", &[]));
        assert!(message.contains("out of range"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
    }
}
