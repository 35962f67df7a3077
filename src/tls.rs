//! Telling TLS failures apart from other connection failures, so that etcd and agent errors say
//! "TLS" and name the configuration keys to check instead of "unreachable".
//!
//! reqwest and tonic bury rustls' error inside I/O errors and connector errors; [`find`] walks
//! the chain (and into `io::Error`s, whose `source()` skips the wrapped error) to find it.

use std::error::Error;

/// What went wrong in a TLS session, in the terms an operator fixes it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsFailure {
    /// The server's certificate is not signed by a trusted CA (or its signature is bad).
    UntrustedServer(String),
    /// The server's certificate does not name the host or address connected to.
    WrongName(String),
    /// The server's certificate has expired or is not valid yet.
    Expired(String),
    /// The server wants a client certificate and none was sent.
    ClientCertRequired(String),
    /// The server refused the client certificate.
    ClientCertRefused(String),
    /// The other end does not speak TLS (a plain HTTP server).
    NotTls(String),
    /// Anything else rustls reported.
    Other(String),
}

impl TlsFailure {
    /// rustls' own words.
    pub fn detail(&self) -> &str {
        match self {
            TlsFailure::UntrustedServer(d)
            | TlsFailure::WrongName(d)
            | TlsFailure::Expired(d)
            | TlsFailure::ClientCertRequired(d)
            | TlsFailure::ClientCertRefused(d)
            | TlsFailure::NotTls(d)
            | TlsFailure::Other(d) => d,
        }
    }

    /// The failure and what to check, with the configuration keys of the client: `ca` (e.g.
    /// `etcd3.cacert`), `cert` and `key` (e.g. `etcd3.cert` and `etcd3.key`) and `what` the
    /// server (`etcd`, `the agent`). `insecure`: whether `-k/--insecure` would skip the check.
    pub fn explain(&self, what: &str, ca: &str, cert: &str, key: &str, insecure: bool) -> String {
        let skip = if insecure { ", or pass -k/--insecure to skip certificate verification" } else { "" };
        let detail = self.detail();
        match self {
            TlsFailure::UntrustedServer(_) => format!(
                "the certificate of {what} is not signed by a trusted CA ({detail}): set {ca} to the CA that signed it{skip}"
            ),
            TlsFailure::WrongName(_) => format!(
                "the certificate of {what} does not name the address connected to ({detail}): connect by a name or address in its subjectAltName{skip}"
            ),
            TlsFailure::Expired(_) => {
                format!("the certificate of {what} has expired or is not valid yet ({detail}): renew it{skip}")
            }
            TlsFailure::ClientCertRequired(_) => {
                format!("{what} requires a client certificate ({detail}): set {cert} and {key}")
            }
            TlsFailure::ClientCertRefused(_) => format!(
                "{what} refused the client certificate ({detail}): {cert} must be signed by a CA that {what} trusts"
            ),
            TlsFailure::NotTls(_) => {
                format!("{what} does not speak TLS there ({detail}): use http instead of https")
            }
            TlsFailure::Other(_) => format!("{detail}: check {ca}, {cert} and {key}"),
        }
    }
}

/// The TLS failure somewhere in `error`'s chain, if any.
pub fn find(error: &(dyn Error + 'static)) -> Option<TlsFailure> {
    let mut next = Some(error);
    while let Some(e) = next {
        if let Some(rustls) = as_rustls(e) {
            return Some(classify(rustls));
        }
        next = e.source();
    }
    None
}

fn as_rustls<'a>(error: &'a (dyn Error + 'static)) -> Option<&'a rustls::Error> {
    if let Some(rustls) = error.downcast_ref::<rustls::Error>() {
        return Some(rustls);
    }
    // `io::Error::source()` is the wrapped error's source: the wrapped error itself (which may be
    // another `io::Error`) is only reachable through `get_ref`.
    let inner: &(dyn Error + 'static) = error.downcast_ref::<std::io::Error>()?.get_ref()?;
    as_rustls(inner).or_else(|| inner.source().and_then(as_rustls))
}

fn classify(error: &rustls::Error) -> TlsFailure {
    use rustls::{AlertDescription as Alert, CertificateError as Cert, Error as E};
    let detail = error.to_string();
    match error {
        E::InvalidCertificate(cert) => match cert {
            Cert::UnknownIssuer | Cert::BadSignature | Cert::BadEncoding => TlsFailure::UntrustedServer(detail),
            Cert::NotValidForName | Cert::NotValidForNameContext { .. } => TlsFailure::WrongName(detail),
            Cert::Expired | Cert::ExpiredContext { .. } | Cert::NotValidYet | Cert::NotValidYetContext { .. } => {
                TlsFailure::Expired(detail)
            }
            _ => TlsFailure::UntrustedServer(detail),
        },
        E::AlertReceived(Alert::CertificateRequired) => TlsFailure::ClientCertRequired(detail),
        E::AlertReceived(
            Alert::BadCertificate
            | Alert::UnknownCA
            | Alert::CertificateUnknown
            | Alert::UnsupportedCertificate
            | Alert::CertificateExpired
            | Alert::CertificateRevoked
            | Alert::AccessDenied,
        ) => TlsFailure::ClientCertRefused(detail),
        E::InvalidMessage(_) | E::PeerIncompatible(_) | E::PeerMisbehaved(_) => TlsFailure::NotTls(detail),
        _ => TlsFailure::Other(detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Wrapper(std::io::Error);

    impl std::fmt::Display for Wrapper {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("error trying to connect")
        }
    }

    impl Error for Wrapper {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn finds_rustls_inside_io_errors() {
        let io = std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
        );
        let failure = find(&Wrapper(io)).unwrap();
        assert!(matches!(failure, TlsFailure::UntrustedServer(_)), "{failure:?}");
        let text = failure.explain("etcd", "etcd3.cacert", "etcd3.cert", "etcd3.key", false);
        assert_eq!(
            text,
            "the certificate of etcd is not signed by a trusted CA (invalid peer certificate: UnknownIssuer): \
             set etcd3.cacert to the CA that signed it"
        );
        assert!(
            failure
                .explain("the agent", "ctl.cacert", "c", "k", true)
                .ends_with("pass -k/--insecure to skip certificate verification")
        );
    }

    #[test]
    fn alerts_name_the_client_certificate() {
        let required = classify(&rustls::Error::AlertReceived(rustls::AlertDescription::CertificateRequired));
        assert!(
            required.explain("etcd", "a", "etcd3.cert", "etcd3.key", false).contains("set etcd3.cert and etcd3.key")
        );
        let refused = classify(&rustls::Error::AlertReceived(rustls::AlertDescription::UnknownCA));
        assert!(matches!(refused, TlsFailure::ClientCertRefused(_)));
        let plain = std::io::Error::other("connection refused");
        assert_eq!(find(&plain), None);
    }
}
