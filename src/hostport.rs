//! `host:port` and URL authorities, split one way for every tier: an IPv6 host in brackets.
//! The settings keep Patroni's own `split_host_port` (in `settings/address.rs`), whose rule for an
//! unbracketed IPv6 address differs; everything read from agents, proxies and flags comes here.

/// `host[:port]` into the host (an IPv6 address's brackets dropped) and the port's text, when one
/// was written (`Some("")` for a trailing colon). An IPv6 address without brackets is all host:
/// its colons name no port.
pub fn split(value: &str) -> (&str, Option<&str>) {
    if let Some(rest) = value.strip_prefix('[') {
        return match rest.split_once(']') {
            Some((host, after)) => (host, after.strip_prefix(':')),
            None => (rest, None),
        };
    }
    match value.split_once(':') {
        Some((host, port)) if !port.contains(':') => (host, Some(port)),
        _ => (value, None),
    }
}

/// [`split`] for a value typed by hand (`--endpoints`, `--sentinel`): a host that no address can
/// be made of (an unclosed bracket, an unbracketed IPv6 address that is not one, white space) is
/// refused with what to write instead, rather than sent to the resolver.
pub fn split_checked(value: &str) -> Result<(&str, Option<&str>), &'static str> {
    const EXPECTED: &str = "expected HOST[:PORT], an IPv6 address in brackets ([::1]:2379)";
    if value.starts_with('[') && !value.contains(']') {
        return Err(EXPECTED);
    }
    let (host, port) = split(value);
    let ipv6 = value.starts_with('[') || host.contains(':');
    let bad_host = host.is_empty()
        || host.contains(|c: char| c.is_whitespace() || c == '[' || c == ']')
        || (ipv6 && host.parse::<std::net::Ipv6Addr>().is_err());
    let bad_after_bracket = value.starts_with('[') && port.is_none() && !value.ends_with(']');
    if bad_host || bad_after_bracket { Err(EXPECTED) } else { Ok((host, port)) }
}

/// What `urlparse` gives of a URL: the host (lower-cased, `None` when empty), the port's text when
/// one was written and not empty, and the path without its leading `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts<'a> {
    pub host: Option<String>,
    pub port: Option<&'a str>,
    pub path: &'a str,
}

/// `scheme://[user[:password]@]host[:port][/path][?query][#fragment]`; `None` without `://`.
pub fn parse_url(url: &str) -> Option<UrlParts<'_>> {
    let (_, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let path = tail.split(['?', '#']).next().unwrap_or("");
    let hostport = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let (host, port) = split(hostport);
    Some(UrlParts {
        host: Some(host.to_lowercase()).filter(|h| !h.is_empty()),
        port: port.filter(|p| !p.is_empty()),
        path: path.strip_prefix('/').unwrap_or(path),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_typed_hosts_are_checked() {
        assert_eq!(split_checked("10.0.0.1:2379"), Ok(("10.0.0.1", Some("2379"))));
        assert_eq!(split_checked("etcd-1"), Ok(("etcd-1", None)));
        assert_eq!(split_checked("[::1]:2379"), Ok(("::1", Some("2379"))));
        assert_eq!(split_checked("::1"), Ok(("::1", None)));
        for bad in ["[::1", "bad::addr", "[nope]:1", "", "a b:1", "[::1]x"] {
            assert!(split_checked(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn split_reads_names_ipv4_and_bracketed_ipv6() {
        assert_eq!(split("db1:6432"), ("db1", Some("6432")));
        assert_eq!(split("db1"), ("db1", None));
        assert_eq!(split("db1:"), ("db1", Some("")));
        assert_eq!(split("127.0.0.1:26379"), ("127.0.0.1", Some("26379")));
        assert_eq!(split("[::1]:5432"), ("::1", Some("5432")));
        assert_eq!(split("[::1]"), ("::1", None));
        assert_eq!(split("[fe80::1"), ("fe80::1", None));
    }

    #[test]
    fn an_unbracketed_ipv6_address_has_no_port() {
        assert_eq!(split("::1"), ("::1", None));
        assert_eq!(split("fe80::1:5432"), ("fe80::1:5432", None));
    }

    #[test]
    fn parse_url_takes_urlparse_parts() {
        let url = parse_url("postgres://u:p@DB1:6432/app?sslmode=require").unwrap();
        assert_eq!(url, UrlParts { host: Some("db1".into()), port: Some("6432"), path: "app" });
        let url = parse_url("postgres://[::1]/postgres").unwrap();
        assert_eq!(url, UrlParts { host: Some("::1".into()), port: None, path: "postgres" });
        let url = parse_url("postgres://[::1]:/x#frag").unwrap();
        assert_eq!(url, UrlParts { host: Some("::1".into()), port: None, path: "x" });
        let url = parse_url("postgres://@:5432").unwrap();
        assert_eq!(url, UrlParts { host: None, port: Some("5432"), path: "" });
        assert_eq!(parse_url("db1:5432"), None);
    }
}
