//! The `PATRONI_*` environment variables, as `Config._build_environment_configuration` turns them
//! into a configuration mapping that is patched over the file.

use std::collections::BTreeMap;

use yaml_serde::{Mapping, Value};

use super::SettingsError;
use super::etcd3::DCS_SECTIONS;
use super::file::without_locations;

/// The suffixes `Config._build_environment_configuration` accepts in `PATRONI_<SECTION>_<SUFFIX>`.
const DCS_ENV_SUFFIXES: [&str; 42] = [
    "HOST",
    "HOSTS",
    "PORT",
    "USE_PROXIES",
    "PROTOCOL",
    "SRV",
    "SRV_SUFFIX",
    "URL",
    "PROXY",
    "CACERT",
    "CERT",
    "KEY",
    "VERIFY",
    "TOKEN",
    "CHECKS",
    "DC",
    "CONSISTENCY",
    "REGISTER_SERVICE",
    "SERVICE_CHECK_INTERVAL",
    "SERVICE_CHECK_TLS_SERVER_NAME",
    "SERVICE_TAGS",
    "NAMESPACE",
    "CONTEXT",
    "USE_ENDPOINTS",
    "SCOPE_LABEL",
    "ROLE_LABEL",
    "POD_IP",
    "PORTS",
    "LABELS",
    "BYPASS_API_SERVICE",
    "RETRIABLE_HTTP_CODES",
    "KEY_PASSWORD",
    "USE_SSL",
    "SET_ACLS",
    "GROUP",
    "DATABASE",
    "LEADER_LABEL_VALUE",
    "FOLLOWER_LABEL_VALUE",
    "STANDBY_LEADER_LABEL_VALUE",
    "TMP_ROLE_LABEL",
    "AUTH_DATA",
    "BOOTSTRAP_LABELS",
];

/// The `PATRONI_*` variables nested as `Config._build_environment_configuration` nests them,
/// limited to what patronictl's DCS and REST clients read.
#[derive(Default)]
pub(super) struct Environment {
    pub(super) config: Mapping,
    /// (dotted key, variable) for each value set.
    pub(super) origins: Vec<(String, String)>,
}

impl Environment {
    fn set(&mut self, path: &[&str], value: Value, variable: &str) {
        insert_at(&mut self.config, path, value);
        self.origins.push((path.join("."), variable.to_owned()));
    }

    /// `_popenv`-style: the variable counts only when non-empty.
    pub(super) fn set_text(&mut self, env: &BTreeMap<String, String>, variable: &str, path: &[&str]) {
        if let Some(value) = env.get(variable).filter(|value| !value.is_empty()) {
            self.set(path, value.as_str().into(), variable);
        }
    }
}

fn insert_at(map: &mut Mapping, path: &[&str], value: Value) {
    match path {
        [] => {}
        [key] => {
            map.insert((*key).into(), value);
        }
        [key, rest @ ..] => {
            let mut child = match map.remove(*key) {
                Some(Value::Mapping(child)) => child,
                _ => Mapping::new(),
            };
            insert_at(&mut child, rest, value);
            map.insert((*key).into(), child.into());
        }
    }
}

pub(super) fn environment_configuration(env: &BTreeMap<String, String>) -> Result<Environment, SettingsError> {
    let mut out = Environment::default();
    let variable = |parts: &[&str]| format!("PATRONI_{}", parts.join("_").to_uppercase());
    for key in ["name", "namespace", "scope"] {
        out.set_text(env, &variable(&[key]), &[key]);
    }
    out.set_text(env, "PATRONI_RESTAPI_CAFILE", &["restapi", "cafile"]);
    for key in ["cacert", "certfile", "keyfile", "keyfile_password"] {
        out.set_text(env, &variable(&["ctl", key]), &["ctl", key]);
    }
    // Kept as text, which `Section::flag` parses as `utils.parse_bool` does. Patroni drops a
    // value it cannot parse; hactl refuses it, so that `PATRONI_CTL_INSECURE=maybe` is not
    // silently a secure connection.
    out.set_text(env, "PATRONI_CTL_INSECURE", &["ctl", "insecure"]);
    for section in ["ctl", "restapi"] {
        for key in ["username", "password"] {
            out.set_text(env, &variable(&[section, key]), &[section, "authentication", key]);
        }
    }
    // `raft` variables matter only because they create a `raft` DCS section.
    for key in ["data_dir", "self_addr", "partner_addrs", "password", "bind_addr"] {
        out.set_text(env, &variable(&["raft", key]), &["raft", key]);
    }
    // PATRONI_<SECTION>_<SUFFIX>: DCS settings and `citus`, empty values included.
    for (variable, value) in env {
        let Some((section, suffix)) = variable.strip_prefix("PATRONI_").and_then(|rest| rest.split_once('_')) else {
            continue;
        };
        let section = section.to_lowercase();
        if !DCS_ENV_SUFFIXES.contains(&suffix) || !(DCS_SECTIONS.contains(&section.as_str()) || section == "citus") {
            continue;
        }
        // A `PATRONI_CITUS_GROUP` that `parse_int` rejects is dropped, as Patroni does; a port
        // it rejects is kept as text, for `Section::port` to refuse rather than silently use 2379.
        let value = match (section.as_str(), suffix) {
            ("citus", "GROUP") => value.trim().parse::<i64>().ok().map(Value::from),
            ("citus", "DATABASE") => Some(value.as_str().into()),
            ("citus", _) => None,
            (_, "PORT") if !value.is_empty() => {
                Some(value.trim().parse::<i64>().map_or_else(|_| value.as_str().into(), Value::from))
            }
            (_, "HOSTS") if !value.is_empty() => Some(parse_env_list(variable, value)?),
            _ => Some(value.as_str().into()),
        };
        if let Some(value) = value {
            out.set(&[&section, &suffix.to_lowercase()], value, variable);
        }
    }
    // Credentials join an etcd section only when another variable created it.
    for section in ["etcd", "etcd3"] {
        if out.config.contains_key(section) {
            for key in ["username", "password"] {
                out.set_text(env, &variable(&[section, key]), &[section, key]);
            }
        }
    }
    Ok(out)
}

/// `_parse_list`: a YAML list, with the brackets optional (`a:2379,b:2379`).
fn parse_env_list(variable: &str, value: &str) -> Result<Value, SettingsError> {
    let text =
        if value.trim().starts_with('-') || value.contains('[') { value.to_owned() } else { format!("[{value}]") };
    yaml_serde::from_str(&text).map_err(|error| SettingsError::Invalid {
        origin: variable.to_owned(),
        key: String::new(),
        message: format!("not a YAML list: {}", without_locations(&error.to_string())),
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::settings::Scheme;
    use crate::settings::test_support::*;

    #[test]
    fn environment_overrides_the_file_key_by_key() {
        let text = "scope: filescope\nnamespace: /filens/\netcd3:\n  hosts: [f1]\n  cacert: /file-ca.pem\n\
                    restapi:\n  authentication: {username: fu, password: fp}\n";
        let vars = [
            ("PATRONI_SCOPE", "envscope"),
            ("PATRONI_ETCD3_HOSTS", "e1:1,e2"),
            ("PATRONI_RESTAPI_USERNAME", "eu"),
            ("PATRONI_NAME", "envname"),
        ];
        let settings = load_file(text, &vars).unwrap();
        assert_eq!(settings.scope.as_deref(), Some("envscope"));
        assert_eq!(settings.namespace, "/filens/");
        assert_eq!(settings.name.as_deref(), Some("envname"));
        let etcd = settings.etcd3.unwrap();
        assert_eq!(etcd.endpoints, ["e1:1", "e2:2379"]);
        assert_eq!(etcd.cacert, Some(PathBuf::from("/file-ca.pem")));
        let auth = settings.rest.auth.unwrap();
        assert_eq!((auth.username.as_str(), auth.password.expose()), ("eu", "fp"));
    }

    #[test]
    fn empty_variables_are_ignored_except_dcs_ones() {
        let settings = load_file("scope: demo\netcd3:\n  host: e\n", &[("PATRONI_SCOPE", "")]).unwrap();
        assert_eq!(settings.scope.as_deref(), Some("demo"));
        let message = error_text(load_file("etcd3:\n  host: e\n", &[("PATRONI_ETCD3_PORT", "")]));
        assert_eq!(message, "PATRONI_ETCD3_PORT: expected a port number (1-65535), found \"\"");
    }

    #[test]
    fn etcd3_credentials_from_the_environment_need_another_etcd3_variable() {
        let text = "etcd3:\n  host: e\n  username: fu\n  password: fp\n";
        let alone = [("PATRONI_ETCD3_PASSWORD", "ep")];
        assert_eq!(load_file(text, &alone).unwrap().etcd3.unwrap().password.unwrap().expose(), "fp");
        let with_protocol = [("PATRONI_ETCD3_PASSWORD", "ep"), ("PATRONI_ETCD3_PROTOCOL", "https")];
        let etcd = load_file(text, &with_protocol).unwrap().etcd3.unwrap();
        assert_eq!((etcd.password.unwrap().expose(), etcd.protocol), ("ep", Scheme::Https));
    }

    #[test]
    fn environment_hosts_are_parsed_as_a_yaml_list() {
        for hosts in ["a:1,b", "[a:1, b]", "- a:1\n- b"] {
            let settings = load_env(&[("PATRONI_ETCD3_HOSTS", hosts)]).unwrap();
            assert_eq!(endpoints(&settings), ["a:1", "b:2379"], "{hosts:?}");
        }
        let settings = load_env(&[("PATRONI_ETCD3_HOSTS", "a,b"), ("PATRONI_ETCD3_PORT", "2390")]).unwrap();
        assert_eq!(endpoints(&settings), ["a:2390", "b:2390"]);
        let message = error_text(load_env(&[("PATRONI_ETCD3_HOSTS", "[a, b")]));
        assert!(message.starts_with("PATRONI_ETCD3_HOSTS: not a YAML list"), "{message}");
        let message = error_text(load_env(&[("PATRONI_ETCD3_HOSTS", "a,5")]));
        assert!(message.starts_with("PATRONI_ETCD3_HOSTS: etcd3.hosts[1]: expected a string"), "{message}");
    }

    #[test]
    fn environment_alone_configures_everything_patronictl_reads() {
        let vars = [
            ("PATRONI_NAMESPACE", "/envns/"),
            ("PATRONI_ETCD3_URL", "https://e:2381"),
            ("PATRONI_ETCD3_CACERT", "/ca"),
            ("PATRONI_ETCD3_CERT", "/cert"),
            ("PATRONI_ETCD3_KEY", "/key"),
            ("PATRONI_ETCD3_USERNAME", "eu"),
            ("PATRONI_ETCD3_PASSWORD", "ep"),
            ("PATRONI_CTL_INSECURE", "yes"),
            ("PATRONI_CTL_CACERT", "/ctl-ca"),
            ("PATRONI_CTL_CERTFILE", "/ctl-cert"),
            ("PATRONI_CTL_KEYFILE", "/ctl-key"),
            ("PATRONI_CTL_KEYFILE_PASSWORD", "kp"),
            ("PATRONI_CTL_USERNAME", "cu"),
            ("PATRONI_CTL_PASSWORD", "cp"),
            ("PATRONI_RESTAPI_USERNAME", "ru"),
            ("PATRONI_RESTAPI_PASSWORD", "rp"),
            ("PATRONI_CITUS_GROUP", "2"),
            ("PATRONI_CITUS_DATABASE", "citus"),
        ];
        let settings = load_env(&vars).unwrap();
        assert_eq!(settings.namespace, "/envns/");
        assert_eq!((settings.citus_group, settings.is_citus), (Some(2), true));
        let etcd = settings.etcd3.unwrap();
        assert_eq!(etcd.urls(), ["https://e:2381"]);
        assert_eq!(
            (etcd.cacert.unwrap(), etcd.cert.unwrap(), etcd.key.unwrap()),
            (PathBuf::from("/ca"), PathBuf::from("/cert"), PathBuf::from("/key"))
        );
        assert_eq!((etcd.username.as_deref(), etcd.password.unwrap().expose()), (Some("eu"), "ep"));
        let rest = settings.rest;
        assert!(rest.insecure);
        assert_eq!(rest.cacert, Some(PathBuf::from("/ctl-ca")));
        assert_eq!(rest.certfile, Some(PathBuf::from("/ctl-cert")));
        assert_eq!(rest.keyfile, Some(PathBuf::from("/ctl-key")));
        assert_eq!(rest.keyfile_password.unwrap().expose(), "kp");
        let auth = rest.auth.unwrap();
        assert_eq!((auth.username.as_str(), auth.password.expose()), ("cu", "cp"));
    }
}
