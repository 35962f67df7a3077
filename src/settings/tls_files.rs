//! The TLS files of the etcd and REST clients, opened once while loading so that a missing or
//! half-set one is an error naming its variable or key before any connection is tried.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::etcd3::Scheme;
use super::section::Section;
use super::{Settings, SettingsError};

/// How much of a TLS file is read when checking it: certificates and keys take a few KiB.
const TLS_FILE_LIMIT: u64 = 1 << 20;

/// Opens every TLS file the etcd and REST clients would use, before any connection: a file
/// that is missing or unreadable, a CA file without a certificate, a client certificate
/// without its key (in the key file, or in the certificate file when no key file is set) or a
/// key without its certificate is an error naming the variable or key that set it. Patroni
/// would fail on the first three only when it connects, and ignores a key without a
/// certificate; hactl refuses the last one too, as a half-set configuration.
///
/// `restapi.certfile` and `restapi.keyfile` are the agent's own server certificate, which
/// patronictl never reads, and are not checked.
pub(super) fn check_tls_files(root: &Section, mut settings: Settings) -> Result<Settings, SettingsError> {
    // Over plain http the etcd TLS files are never opened (Patroni does not switch to https
    // because they are set), so a file that patronictl would accept unused is no error.
    if let Some(etcd) = settings.etcd3.as_mut().filter(|etcd| etcd.protocol == Scheme::Https) {
        let etcd3 = root.section_or_empty("etcd3")?;
        check_ca_file(&etcd3, "cacert")?;
        etcd.key = check_client_identity(&etcd3, "cert", "key")?;
    }
    let rest_files = || -> Result<(), SettingsError> {
        let ctl = root.section_or_empty("ctl")?;
        if ctl.path("cacert")?.is_some() {
            check_ca_file(&ctl, "cacert")?;
        } else {
            check_ca_file(&root.section_or_empty("restapi")?, "cafile")?;
        }
        check_client_identity(&ctl, "certfile", "keyfile").map(drop)
    };
    settings.rest.file_problem = rest_files().err().map(|e| e.to_string());
    Ok(settings)
}

/// Reads the TLS file `field` names, as the client will when it connects.
fn tls_file(section: &Section, field: &str, path: &Path) -> Result<PemContents, SettingsError> {
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|file| file.take(TLS_FILE_LIMIT).read_to_end(&mut bytes))
        .map_err(|error| section.bad_value(field, format!("cannot read {}: {error}", path.display())))?;
    Ok(pem_contents(&bytes))
}

/// Reads the TLS file `field` names, which must hold a PEM certificate.
fn certificate_file(section: &Section, field: &str, path: &Path) -> Result<PemContents, SettingsError> {
    let contents = tls_file(section, field, path)?;
    if !contents.certificate {
        return Err(section.bad_value(field, format!("{} holds no PEM certificate", path.display())));
    }
    Ok(contents)
}

/// A CA bundle, if `field` is set: readable and holding a PEM certificate.
fn check_ca_file(section: &Section, field: &str) -> Result<(), SettingsError> {
    match section.path(field)? {
        Some(path) => certificate_file(section, field, &path).map(drop),
        None => Ok(()),
    }
}

/// A client certificate (`cert_field`) and its key (`key_field`), if either is set: both
/// readable, the key in the key file or else in the certificate file. Returns the file that
/// holds the key.
fn check_client_identity(
    section: &Section,
    cert_field: &str,
    key_field: &str,
) -> Result<Option<PathBuf>, SettingsError> {
    let (cert, key) = (section.path(cert_field)?, section.path(key_field)?);
    let Some(cert) = cert else {
        return match key {
            None => Ok(None),
            Some(_) => Err(section.bad_value(
                key_field,
                format!("a client key without its certificate: set {} too", section.name_like(cert_field, key_field)),
            )),
        };
    };
    let contents = certificate_file(section, cert_field, &cert)?;
    match key {
        Some(key) => {
            if !tls_file(section, key_field, &key)?.private_key {
                return Err(section.bad_value(key_field, format!("{} holds no PEM private key", key.display())));
            }
            Ok(Some(key))
        }
        None if contents.private_key => Ok(Some(cert)),
        None => Err(section.bad_value(
            cert_field,
            format!(
                "{} holds no private key and {} is not set",
                cert.display(),
                section.name_like(key_field, cert_field)
            ),
        )),
    }
}

/// What a PEM file holds, by its `-----BEGIN ...-----` lines.
#[derive(Debug, Default, PartialEq, Eq)]
struct PemContents {
    /// `CERTIFICATE` (also `TRUSTED CERTIFICATE`, `X509 CERTIFICATE`).
    certificate: bool,
    /// `PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`, ...
    private_key: bool,
}

fn pem_contents(bytes: &[u8]) -> PemContents {
    let mut contents = PemContents::default();
    for line in String::from_utf8_lossy(bytes).lines() {
        if let Some(label) = line.trim().strip_prefix("-----BEGIN ").and_then(|rest| rest.strip_suffix("-----")) {
            contents.certificate |= label.ends_with("CERTIFICATE");
            contents.private_key |= label.ends_with("PRIVATE KEY");
        }
    }
    contents
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::test_support::*;
    use crate::settings::{SettingsInputs, load};

    const CERT_PEM: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    const KEY_PEM: &str = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";

    /// A scratch directory with a CA, a client certificate, its key, both in one file, and an
    /// empty file.
    struct TlsFiles {
        scratch: Scratch,
        ca: String,
        cert: String,
        key: String,
        both: String,
        empty: String,
    }

    impl TlsFiles {
        fn new() -> TlsFiles {
            let scratch = Scratch::new();
            let path = |name: &str, text: &str| scratch.write(name, text).display().to_string();
            let (ca, cert, key) = (path("ca.pem", CERT_PEM), path("c.crt", CERT_PEM), path("c.key", KEY_PEM));
            let both = path("both.pem", &format!("{CERT_PEM}{KEY_PEM}"));
            let empty = path("empty.pem", "");
            TlsFiles { scratch, ca, cert, key, both, empty }
        }

        /// `load` itself, TLS checks included, from the environment (and `file`, if given).
        fn load(&self, file: Option<&str>, vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
            let config_file = file.map(|text| self.scratch.write("patronictl.yaml", text));
            load(&SettingsInputs {
                config_file,
                dcs_url: None,
                insecure: false,
                env: &self.scratch.env(vars),
                context: None,
            })
        }

        /// With etcd over https: its TLS files are read only then.
        fn error(&self, vars: &[(&str, &str)]) -> String {
            let mut all = vec![("PATRONI_ETCD3_HOST", "e"), ("PATRONI_ETCD3_PROTOCOL", "https")];
            all.extend_from_slice(vars);
            problem(self.load(None, &all))
        }
    }

    /// The error of loading, or the REST file problem kept for the first agent.
    fn problem(result: Result<Settings, SettingsError>) -> String {
        match result {
            Err(e) => e.to_string(),
            Ok(settings) => settings.rest.file_problem.expect("expected an error or a REST file problem"),
        }
    }

    #[test]
    fn complete_tls_settings_load_and_a_combined_file_serves_as_the_key() {
        let tls = TlsFiles::new();
        let vars = [
            ("PATRONI_ETCD3_HOST", "e"),
            ("PATRONI_ETCD3_PROTOCOL", "https"),
            ("PATRONI_ETCD3_CACERT", tls.ca.as_str()),
            ("PATRONI_ETCD3_CERT", tls.cert.as_str()),
            ("PATRONI_ETCD3_KEY", tls.key.as_str()),
            ("PATRONI_CTL_CACERT", tls.ca.as_str()),
            ("PATRONI_CTL_CERTFILE", tls.cert.as_str()),
            ("PATRONI_CTL_KEYFILE", tls.key.as_str()),
        ];
        let settings = tls.load(None, &vars).unwrap();
        assert_eq!(settings.etcd3.unwrap().key, Some(PathBuf::from(&tls.key)));
        assert_eq!(settings.rest.keyfile, Some(PathBuf::from(&tls.key)));
        // `ssl.load_cert_chain(certfile)` finds the key in the certificate file.
        let vars = [
            ("PATRONI_ETCD3_HOST", "e"),
            ("PATRONI_ETCD3_PROTOCOL", "https"),
            ("PATRONI_ETCD3_CERT", tls.both.as_str()),
            ("PATRONI_CTL_CERTFILE", tls.both.as_str()),
        ];
        let settings = tls.load(None, &vars).unwrap();
        assert_eq!(settings.etcd3.unwrap().key, Some(PathBuf::from(&tls.both)));
        assert_eq!((settings.rest.certfile, settings.rest.keyfile), (Some(PathBuf::from(&tls.both)), None));
        // Over http etcd's TLS files are never opened, so an unused missing one is no error.
        tls.load(None, &[("PATRONI_ETCD3_HOST", "e"), ("PATRONI_ETCD3_CACERT", "/nonexistent")]).unwrap();
        // `restapi.certfile` is the agent's own certificate: patronictl never opens it.
        let vars = [("PATRONI_RESTAPI_CERTFILE", "/nonexistent"), ("PATRONI_RESTAPI_KEYFILE", "/nonexistent")];
        assert_eq!(tls.load(None, &vars).unwrap().rest.file_problem, None);
        // `--dcs-url` drops the etcd3 TLS settings, files and all.
        let env = tls.scratch.env(&[("PATRONI_ETCD3_CERT", "/nonexistent")]);
        let inputs = SettingsInputs {
            config_file: None,
            dcs_url: Some("etcd3://e".into()),
            insecure: false,
            env: &env,
            context: None,
        };
        assert_eq!(load(&inputs).unwrap().etcd3.unwrap().cert, None);
    }

    #[test]
    fn half_set_client_certificates_name_the_missing_variable() {
        let tls = TlsFiles::new();
        assert_eq!(
            tls.error(&[("PATRONI_ETCD3_CERT", &tls.cert)]),
            format!("PATRONI_ETCD3_CERT: {} holds no private key and PATRONI_ETCD3_KEY is not set", tls.cert)
        );
        assert_eq!(
            tls.error(&[("PATRONI_ETCD3_KEY", &tls.key)]),
            "PATRONI_ETCD3_KEY: a client key without its certificate: set PATRONI_ETCD3_CERT too"
        );
        assert_eq!(
            tls.error(&[("PATRONI_CTL_CERTFILE", &tls.cert)]),
            format!("PATRONI_CTL_CERTFILE: {} holds no private key and PATRONI_CTL_KEYFILE is not set", tls.cert)
        );
        assert_eq!(
            tls.error(&[("PATRONI_CTL_KEYFILE", &tls.key)]),
            "PATRONI_CTL_KEYFILE: a client key without its certificate: set PATRONI_CTL_CERTFILE too"
        );
        assert_eq!(
            tls.error(&[("PATRONI_ETCD3_CERT", &tls.cert), ("PATRONI_ETCD3_KEY", &tls.cert)]),
            format!("PATRONI_ETCD3_KEY: {} holds no PEM private key", tls.cert)
        );
        assert_eq!(
            tls.error(&[("PATRONI_CTL_CERTFILE", &tls.key), ("PATRONI_CTL_KEYFILE", &tls.key)]),
            format!("PATRONI_CTL_CERTFILE: {} holds no PEM certificate", tls.key)
        );
    }

    #[test]
    fn unreadable_or_empty_ca_files_name_the_variable() {
        let tls = TlsFiles::new();
        let missing = ": cannot read /nonexistent: No such file or directory (os error 2)";
        assert_eq!(tls.error(&[("PATRONI_ETCD3_CACERT", "/nonexistent")]), format!("PATRONI_ETCD3_CACERT{missing}"));
        assert_eq!(tls.error(&[("PATRONI_CTL_CACERT", "/nonexistent")]), format!("PATRONI_CTL_CACERT{missing}"));
        assert_eq!(
            tls.error(&[("PATRONI_RESTAPI_CAFILE", "/nonexistent")]),
            format!("PATRONI_RESTAPI_CAFILE{missing}")
        );
        // `restapi.cafile` is read only when `ctl.cacert` is not set.
        let vars = [("PATRONI_CTL_CACERT", tls.ca.as_str()), ("PATRONI_RESTAPI_CAFILE", "/nonexistent")];
        assert_eq!(tls.load(None, &vars).unwrap().rest.file_problem, None);
        assert_eq!(
            tls.error(&[("PATRONI_ETCD3_CACERT", &tls.empty)]),
            format!("PATRONI_ETCD3_CACERT: {} holds no PEM certificate", tls.empty)
        );
        let dir = tls.scratch.dir.display().to_string();
        let message = tls.error(&[("PATRONI_CTL_CACERT", &dir)]);
        assert!(message.starts_with(&format!("PATRONI_CTL_CACERT: cannot read {dir}: Is a directory")), "{message}");
    }

    #[test]
    fn tls_errors_from_a_file_name_the_file_and_key() {
        let tls = TlsFiles::new();
        let file = tls.scratch.dir.join("patronictl.yaml").display().to_string();
        let text = format!("etcd3:\n  host: e\n  protocol: https\n  cert: {}\n", tls.cert);
        assert_eq!(
            problem(tls.load(Some(&text), &[])),
            format!("{file}: etcd3.cert: {} holds no private key and etcd3.key is not set", tls.cert)
        );
        let text = "etcd3:\n  host: e\n  protocol: https\n  key: /k.pem\n";
        assert_eq!(
            problem(tls.load(Some(text), &[])),
            format!("{file}: etcd3.key: a client key without its certificate: set etcd3.cert too")
        );
        let text = "ctl:\n  cacert: /nonexistent\n";
        assert_eq!(
            problem(tls.load(Some(text), &[])),
            format!("{file}: ctl.cacert: cannot read /nonexistent: No such file or directory (os error 2)")
        );
        // The variable overrides the file's key, and the error names what was used.
        let text = format!("etcd3:\n  host: e\n  protocol: https\n  cacert: {}\n", tls.ca);
        assert_eq!(
            problem(tls.load(Some(&text), &[("PATRONI_ETCD3_CACERT", &tls.empty)])),
            format!("PATRONI_ETCD3_CACERT: {} holds no PEM certificate", tls.empty)
        );
    }

    #[test]
    fn pem_contents_go_by_the_begin_lines() {
        let contents = |text: &str| pem_contents(text.as_bytes());
        assert_eq!(contents(CERT_PEM), PemContents { certificate: true, private_key: false });
        assert_eq!(contents(KEY_PEM), PemContents { certificate: false, private_key: true });
        let encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nx\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assert!(contents(encrypted).private_key);
        assert!(contents("-----BEGIN RSA PRIVATE KEY-----\r\n").private_key);
        assert_eq!(contents("-----BEGIN CERTIFICATE REQUEST-----\n"), PemContents::default());
        assert_eq!(contents("not a pem"), PemContents::default());
    }

    #[test]
    fn tls_errors_carry_no_secrets() {
        let tls = TlsFiles::new();
        let message = tls.error(&[
            ("PATRONI_CTL_CERTFILE", &tls.cert),
            ("PATRONI_CTL_KEYFILE_PASSWORD", "key-secret"),
            ("PATRONI_ETCD3_PASSWORD", "etcd-secret"),
            ("PATRONI_ETCD3_USERNAME", "u"),
        ]);
        assert!(message.starts_with("PATRONI_CTL_CERTFILE: "), "{message}");
        assert!(!message.contains("secret"), "{message}");
    }
}
