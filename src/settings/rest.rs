//! The Patroni REST API client settings: the `ctl` section over `restapi`, as
//! `PatroniRequest.reload_config` reads them, basic authentication included.

use std::path::PathBuf;

use super::section::Section;
use super::{Secret, SettingsError};

/// How to talk to the Patroni REST APIs, as `PatroniRequest.reload_config` decides it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestSettings {
    /// Skip server certificate checks. With a client certificate (`certfile`) Patroni still
    /// verifies the chain and only skips the host name check.
    pub insecure: bool,
    /// `ctl.cacert`, else `restapi.cafile`.
    pub cacert: Option<PathBuf>,
    /// `ctl.certfile` only: `restapi.certfile` is the server's certificate, never sent.
    pub certfile: Option<PathBuf>,
    /// `ctl.keyfile`, only with `certfile`.
    pub keyfile: Option<PathBuf>,
    /// `ctl.keyfile_password`, only with `certfile`.
    pub keyfile_password: Option<Secret>,
    /// `ctl.authentication`, else `restapi.authentication`.
    pub auth: Option<BasicAuth>,
    /// A CA, certificate or key file above that cannot be used, found while loading: reported
    /// (exit 2) when an agent is first needed. patronictl opens these files only then, so a
    /// command that only reads etcd (`list`) works without them.
    pub file_problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicAuth {
    pub username: String,
    pub password: Secret,
}

/// `PatroniRequest.reload_config` after `ctl.ctl` has ORed `-k` into `ctl.insecure`.
pub(super) fn rest_settings(root: &Section, insecure_flag: bool) -> Result<RestSettings, SettingsError> {
    let ctl = root.section_or_empty("ctl")?;
    let restapi = root.section_or_empty("restapi")?;
    // Both are built, and can fail, before either is used, as in `_build_effective_configuration`.
    let ctl_auth = basic_auth(&ctl)?;
    let restapi_auth = basic_auth(&restapi)?;
    let certfile = ctl.path("certfile")?;
    let (keyfile, keyfile_password) = match certfile {
        Some(_) => (ctl.path("keyfile")?, ctl.scalar_text("keyfile_password")?.map(Secret)),
        None => (None, None),
    };
    let cacert = match ctl.path("cacert")? {
        Some(cacert) => Some(cacert),
        None => restapi.path("cafile")?,
    };
    Ok(RestSettings {
        insecure: ctl.flag("insecure")? || insecure_flag,
        cacert,
        certfile,
        keyfile,
        keyfile_password,
        auth: ctl_auth.or(restapi_auth),
        file_problem: None,
    })
}

/// `section.authentication` (`{username, password}`), else the legacy `section.auth`
/// (`"username:password"`), as `_build_effective_configuration` turns the first into the second.
fn basic_auth(section: &Section) -> Result<Option<BasicAuth>, SettingsError> {
    if let Some(authentication) = section.section("authentication")? {
        let required =
            |key| authentication.scalar_text(key)?.ok_or_else(|| authentication.bad_value(key, "missing".to_owned()));
        return Ok(Some(BasicAuth { username: required("username")?, password: Secret(required("password")?) }));
    }
    match section.text("auth")? {
        None => Ok(None),
        Some(auth) => match auth.split_once(':') {
            Some((username, password)) => {
                Ok(Some(BasicAuth { username: username.to_owned(), password: Secret(password.to_owned()) }))
            }
            None => Err(section.bad_value("auth", "expected \"username:password\"".to_owned())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::test_support::*;
    use crate::settings::{SettingsInputs, load};

    #[test]
    fn insecure_flag_is_ored_into_ctl_insecure() {
        let scratch = Scratch::new();
        let path = scratch.write("patronictl.yaml", "ctl:\n  insecure: false\n");
        let env = scratch.env(&[]);
        let inputs = |insecure| SettingsInputs {
            config_file: Some(path.clone()),
            dcs_url: None,
            insecure,
            env: &env,
            context: None,
        };
        assert!(!load(&inputs(false)).unwrap().rest.insecure);
        assert!(load(&inputs(true)).unwrap().rest.insecure);
        assert!(load_file("ctl:\n  insecure: yes\n", &[]).unwrap().rest.insecure);
        assert!(load_file("ctl:\n  insecure: false\n", &[("PATRONI_CTL_INSECURE", "on")]).unwrap().rest.insecure);
        assert!(!load_file("ctl:\n  insecure: true\n", &[("PATRONI_CTL_INSECURE", "0")]).unwrap().rest.insecure);
        // Patroni drops a value it cannot parse; hactl refuses it.
        let message = error_text(load_file("ctl:\n  insecure: true\n", &[("PATRONI_CTL_INSECURE", "maybe")]));
        assert_eq!(
            message,
            "PATRONI_CTL_INSECURE: expected a boolean (true/false, on/off, yes/no, 1/0), found \"maybe\""
        );
    }

    #[test]
    fn rest_settings_prefer_ctl_and_fall_back_where_patroni_does() {
        let text = "ctl:\n  authentication: {username: cu, password: cp}\n  certfile: /ctl.crt\n  keyfile: /ctl.key\n  \
                    keyfile_password: kp\nrestapi:\n  authentication: {username: ru, password: rp}\n  cafile: /rest-ca\n";
        let rest = load_file(text, &[]).unwrap().rest;
        assert_eq!(rest.auth.unwrap().username, "cu");
        assert_eq!(rest.cacert, Some(PathBuf::from("/rest-ca")));
        assert_eq!(
            (rest.certfile.unwrap(), rest.keyfile.unwrap()),
            (PathBuf::from("/ctl.crt"), PathBuf::from("/ctl.key"))
        );
        assert_eq!(rest.keyfile_password.unwrap().expose(), "kp");
        // Without a client certificate the key settings are unused.
        let rest =
            load_file("ctl:\n  keyfile: /ctl.key\n  keyfile_password: kp\n  cacert: /ctl-ca\n", &[]).unwrap().rest;
        assert_eq!((rest.keyfile, rest.keyfile_password), (None, None));
        assert_eq!(rest.cacert, Some(PathBuf::from("/ctl-ca")));
        // The legacy `auth: "user:password"` form.
        let auth = load_file("restapi:\n  auth: 'lu:l:p'\n", &[]).unwrap().rest.auth.unwrap();
        assert_eq!((auth.username.as_str(), auth.password.expose()), ("lu", "l:p"));
    }
}
