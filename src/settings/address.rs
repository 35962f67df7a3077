//! URLs and `host:port` addresses, split as Patroni's Python splits them, and quoted in errors
//! without their passwords.

/// The pieces of a URL as Python's `urllib.parse.urlsplit` finds them.
pub(super) struct UrlParts {
    /// Lowercased; empty when there is none.
    pub(super) scheme: String,
    pub(super) username: Option<String>,
    pub(super) password: Option<String>,
    /// Lowercased, without IPv6 brackets; `None` when empty.
    pub(super) host: Option<String>,
    pub(super) port: Option<u16>,
    pub(super) path: String,
}

impl UrlParts {
    /// The port, or `default` when there is none or it is 0, as Python's `port or default`.
    pub(super) fn port_or(&self, default: u16) -> u16 {
        self.port.filter(|port| *port != 0).unwrap_or(default)
    }
}

pub(super) fn split_url(url: &str) -> Result<UrlParts, String> {
    let url = url.trim_start();
    let (scheme, rest) = match url.split_once(':') {
        Some((scheme, rest))
            if scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            (scheme.to_ascii_lowercase(), rest)
        }
        _ => (String::new(), url),
    };
    let (netloc, path) = match rest.strip_prefix("//") {
        Some(rest) => rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len())),
        None => ("", rest),
    };
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    let (userinfo, hostinfo) = match netloc.rsplit_once('@') {
        Some((userinfo, hostinfo)) => (Some(userinfo), hostinfo),
        None => (None, netloc),
    };
    let (username, password) = match userinfo {
        Some(userinfo) => match userinfo.split_once(':') {
            Some((username, password)) => (Some(username.to_owned()), Some(password.to_owned())),
            None => (Some(userinfo.to_owned()), None),
        },
        None => (None, None),
    };
    let (host, port) = match hostinfo.split_once('[') {
        Some((_, bracketed)) => {
            let (host, after) = bracketed.split_once(']').ok_or("invalid IPv6 host")?;
            (host, after.split_once(':').map_or("", |(_, port)| port))
        }
        None => hostinfo.split_once(':').unwrap_or((hostinfo, "")),
    };
    let port = match port {
        "" => None,
        digits if digits.bytes().all(|b| b.is_ascii_digit()) => {
            Some(digits.parse::<u16>().map_err(|_| format!("port {digits} is out of range 0-65535"))?)
        }
        _ => return Err("the port is not a number".to_owned()),
    };
    Ok(UrlParts {
        scheme,
        username,
        password,
        host: (!host.is_empty()).then(|| host.to_lowercase()),
        port,
        path: path.to_owned(),
    })
}

/// `scheme://user:secret@host` → `scheme://user:***@host`, so that errors can quote URLs.
pub(super) fn redact_password(url: &str) -> String {
    let start = url.find("//").map_or(0, |at| at + 2);
    let netloc_end = url[start..].find(['/', '?', '#']).map_or(url.len(), |end| start + end);
    match url[start..netloc_end].rfind('@') {
        Some(at) => match url[start..start + at].split_once(':') {
            Some((username, _)) => format!("{}{username}:***{}", &url[..start], &url[start + at..]),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// Whether `host[:port]` names a port (an IPv6 address alone has colons but no port).
pub(super) fn has_port(value: &str) -> bool {
    crate::hostport::split(value).1.is_some()
}

/// `utils.split_host_port`: the port follows the last colon; IPv6 brackets are dropped.
pub(super) fn split_host_port(value: &str, default_port: u16) -> Result<(String, u16), String> {
    let Some((host, port)) = value.rsplit_once(':') else {
        return Ok((value.to_owned(), default_port));
    };
    let port = port
        .trim()
        .parse::<u16>()
        .ok()
        .filter(|port| *port != 0)
        .ok_or_else(|| format!("{value:?}: expected host:port with a port number (1-65535)"))?;
    let host = if host.contains(':') { host.trim().trim_matches(['[', ']']) } else { host };
    Ok((host.to_owned(), port))
}

/// `host:port`, with brackets around an IPv6 host as `utils.uri` adds them.
pub(super) fn endpoint(host: &str, port: u16) -> String {
    if host.contains(':') && !host.starts_with('[') { format!("[{host}]:{port}") } else { format!("{host}:{port}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::test_support::*;

    #[test]
    fn urls_are_quoted_with_their_password_masked() {
        assert_eq!(redact_password("http://u:p@h:1/x"), "http://u:***@h:1/x");
        assert_eq!(redact_password("http://u@h:1"), "http://u@h:1");
        assert_eq!(redact_password("u:p@h"), "u:***@h");
        assert_eq!(redact_password("http://h/a@b"), "http://h/a@b");
        let message = error_text(load_env_with_dcs("etcd3://[::1:2379", &[]));
        assert!(message.ends_with("invalid IPv6 host"), "{message}");
    }
}
