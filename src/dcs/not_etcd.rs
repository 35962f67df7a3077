//! What answers at an etcd endpoint that fails as a wrong port would: etcd with TLS (the advice
//! of [`tls_problem`] stands), or PostgreSQL, an HTTP server or something else, which is no etcd at
//! all and calls for another host or port. One short raw probe of the endpoint tells them apart.

use super::{TlsProblem, few_words, tls_failure, tls_problem, tls_server};
use crate::error::error_chain;
use std::time::Duration;

/// What a failed etcd connection turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Diagnosis {
    /// A TLS problem (CA, client certificate, protocol).
    Tls(TlsProblem),
    /// Something that is not etcd answers there: a wrong host or port.
    NotEtcd(NotEtcd),
}

/// Something that is not etcd at the endpoints, in a few words (for a table cell) and explained
/// with what to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotEtcd {
    pub short: String,
    pub explained: String,
}

/// What answered a probe of an endpoint (see [`probe`]).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Answerer {
    /// A TLS server: a TLS alert, Go's "HTTP request to an HTTPS server", or a close without a
    /// word both to HTTP and to PostgreSQL's SSLRequest (etcd 3.4 with TLS does that).
    Tls,
    /// etcd over plain HTTP: its `/version` names it.
    Etcd,
    /// An HTTP server that is not etcd, with the version it answered in (`HTTP/1.0`).
    Http(String),
    /// PostgreSQL: it answers an SSLRequest with `N` or `S`.
    Postgres,
    /// Something else, with the start of its answer.
    Other(String),
}

/// [`tls_problem`] and more: when the failure is one a server that is not etcd causes as well
/// (plain HTTP/2 closed at once, an HTTP answer without gRPC, a TLS handshake with a plain
/// server), one short probe of each endpoint tells what really answers there. `None` for other
/// errors.
pub async fn diagnose(endpoints: &str, error: &etcd_client::Error) -> Option<Diagnosis> {
    let tls = tls_problem(endpoints, error);
    if !suspect(endpoints, error) {
        return tls.map(Diagnosis::Tls);
    }
    let mut probes = tokio::task::JoinSet::new();
    let urls = endpoint_urls(endpoints);
    for (i, url) in urls.iter().enumerate() {
        let url = url.clone();
        probes.spawn(async move { (i, probe(&url).await) });
    }
    let mut answers: Vec<(String, Option<Answerer>)> = urls.iter().map(|url| (url.clone(), None)).collect();
    while let Some(Ok((i, answer))) = probes.join_next().await {
        answers[i].1 = answer;
    }
    judge(endpoints, error, tls, &answers)
}

/// Whether `error` is one that a server other than etcd at the endpoint causes too.
fn suspect(endpoints: &str, error: &etcd_client::Error) -> bool {
    if endpoints.starts_with("https://") {
        // A handshake with a server that does not speak TLS: etcd without TLS, or not etcd.
        let eof = matches!(error, etcd_client::Error::GRpcStatus(s) if error_chain(s).contains("tls handshake eof"));
        return eof || matches!(tls_failure(error), Some(crate::tls::TlsFailure::NotTls(_)));
    }
    let etcd_client::Error::GRpcStatus(status) = error else {
        return false;
    };
    let chain = error_chain(status);
    // An HTTP server that speaks HTTP/2 (HAProxy) answers without gRPC's status or framing.
    if ["grpc-status header missing", "invalid compression flag", "h2 protocol error"].iter().any(|s| chain.contains(s))
    {
        return true;
    }
    // The connection closed at once: as a TLS server does, and PostgreSQL, and Patroni's REST API.
    matches!(status.code(), tonic::Code::Unknown | tonic::Code::Internal)
        && ["broken pipe", "connection reset", "connection closed", "transport error"].iter().any(|s| chain.contains(s))
}

/// The diagnosis from what answered the probes of the endpoints (`tls`: what [`tls_problem`] says).
fn judge(
    endpoints: &str,
    error: &etcd_client::Error,
    tls: Option<TlsProblem>,
    answers: &[(String, Option<Answerer>)],
) -> Option<Diagnosis> {
    let https = endpoints.starts_with("https://");
    let not_etcd: Vec<(&str, &Answerer)> = answers
        .iter()
        .filter_map(|(url, answer)| match answer {
            Some(found @ (Answerer::Http(_) | Answerer::Postgres | Answerer::Other(_))) => Some((url.as_str(), found)),
            _ => None,
        })
        .collect();
    if !not_etcd.is_empty() {
        return Some(Diagnosis::NotEtcd(not_etcd_problem(&not_etcd, answers.len() == 1, https)));
    }
    // A TLS server that did not close the HTTP/2 connection as the usual heuristic expects.
    if let (false, None, etcd_client::Error::GRpcStatus(status)) = (https, &tls, error)
        && answers.iter().any(|(_, answer)| *answer == Some(Answerer::Tls))
    {
        return Some(Diagnosis::Tls(tls_server(&few_words(status))));
    }
    tls.map(Diagnosis::Tls)
}

fn not_etcd_problem(found: &[(&str, &Answerer)], alone: bool, https: bool) -> NotEtcd {
    let what = |answer: &Answerer| match answer {
        Answerer::Postgres => "it speaks PostgreSQL, not gRPC".to_string(),
        Answerer::Http(version) => format!("it speaks {version}, not gRPC"),
        Answerer::Other(start) => format!("it answers {start:?} to an HTTP request"),
        Answerer::Tls | Answerer::Etcd => "etcd".to_string(),
    };
    let place = match found {
        [(_, answer)] if alone => format!("there ({})", what(answer)),
        _ => found.iter().map(|(url, answer)| format!("at {url} ({})", what(answer))).collect::<Vec<_>>().join(" and "),
    };
    let check = CHECK_PORT;
    // An unknown answer to plain HTTP might yet come from a TLS etcd.
    let explained = if !https && found.iter().any(|(_, answer)| matches!(answer, Answerer::Other(_))) {
        format!(
            "something that is not etcd, or etcd with TLS, answers {place}; {check}, or set etcd3.protocol: https \
             if etcd serves TLS there"
        )
    } else {
        format!("something that is not etcd answers {place}; {check}")
    };
    let short = match found {
        [(_, answer)] => format!("not etcd: {}", what(answer)),
        _ => "not etcd".to_string(),
    };
    NotEtcd { short, explained }
}

/// What to check when something that is not etcd answers at an endpoint.
pub const CHECK_PORT: &str = "check the etcd3 hosts and port (etcd's client port, 2379 by default)";

/// The URLs in how errors name the endpoints (`http://a:2379,http://b:2379 (...)`).
fn endpoint_urls(endpoints: &str) -> Vec<String> {
    let urls = endpoints.split(" (").next().unwrap_or(endpoints);
    urls.split(',').map(str::trim).filter(|url| !url.is_empty()).map(str::to_string).collect()
}

/// `host:port` of a URL, without scheme, credentials or path.
fn authority(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host_port = rest.split('/').next()?;
    let host_port = host_port.rsplit_once('@').map_or(host_port, |(_, host_port)| host_port);
    (!host_port.is_empty()).then_some(host_port)
}

/// How long a probe of one endpoint may take, both requests included.
const PROBE_TIMEOUT: Duration = Duration::from_secs(1);
/// How much of an answer a probe reads.
const PROBE_BYTES: usize = 512;
/// PostgreSQL's SSLRequest: length 8, code 80877103. PostgreSQL answers `N` or `S`.
const SSL_REQUEST: [u8; 8] = [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f];

/// What answers at `url`, by two raw requests of at most [`PROBE_TIMEOUT`] in all: HTTP/1.1
/// `GET /version` (etcd names itself, other HTTP servers answer otherwise, a TLS server sends an
/// alert or closes), then, when that was closed without a word (PostgreSQL and a TLS etcd both do
/// that), PostgreSQL's SSLRequest. `None` when nothing can be told (no connection, silence).
async fn probe(url: &str) -> Option<Answerer> {
    let authority = authority(url)?;
    let deadline = tokio::time::Instant::now() + PROBE_TIMEOUT;
    let request = format!("GET /version HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n");
    let (answer, closed) = exchange(authority, request.as_bytes(), PROBE_BYTES, deadline).await?;
    if !answer.is_empty() || !closed {
        return answer_to_http(&answer);
    }
    // One byte says it; PostgreSQL then waits for the handshake or the startup message.
    let (answer, closed) = exchange(authority, &SSL_REQUEST, 1, deadline).await?;
    answer_to_ssl_request(&answer, closed)
}

/// Sends `request` to `authority` and reads the answer until `enough` bytes (at most
/// [`PROBE_BYTES`]), the end of the connection or `deadline`; with whether the other end closed
/// the connection (or reset it).
async fn exchange(
    authority: &str,
    request: &[u8],
    enough: usize,
    deadline: tokio::time::Instant,
) -> Option<(Vec<u8>, bool)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::time::timeout_at(deadline, tokio::net::TcpStream::connect(authority)).await.ok()?.ok()?;
    let mut answer = Vec::new();
    if !matches!(tokio::time::timeout_at(deadline, stream.write_all(request)).await, Ok(Ok(()))) {
        return Some((answer, true));
    }
    let mut buffer = [0u8; PROBE_BYTES];
    while answer.len() < enough.min(PROBE_BYTES) {
        match tokio::time::timeout_at(deadline, stream.read(&mut buffer[..PROBE_BYTES - answer.len()])).await {
            Ok(Ok(0) | Err(_)) => return Some((answer, true)),
            Ok(Ok(read)) => answer.extend_from_slice(&buffer[..read]),
            Err(_) => break,
        }
    }
    Some((answer, false))
}

/// What an answer to HTTP/1.1 `GET /version` says is there; `None` for no answer.
fn answer_to_http(answer: &[u8]) -> Option<Answerer> {
    let text = String::from_utf8_lossy(answer);
    Some(match answer.first()? {
        // A TLS alert record.
        0x15 => Answerer::Tls,
        // Go's HTTPS servers answer plain HTTP so.
        _ if text.contains("Client sent an HTTP request to an HTTPS server") => Answerer::Tls,
        _ if answer.starts_with(b"HTTP/1.") && text.contains("\"etcdserver\"") => Answerer::Etcd,
        _ if answer.starts_with(b"HTTP/1.") => {
            Answerer::Http(text.split_whitespace().next().unwrap_or("HTTP/1").into())
        }
        b'E' if postgres_error(answer) => Answerer::Postgres,
        _ => Answerer::Other(text.chars().take(32).collect()),
    })
}

/// What an answer to PostgreSQL's SSLRequest says is there, after the connection closed without a
/// word on plain HTTP; `None` for silence.
fn answer_to_ssl_request(answer: &[u8], closed: bool) -> Option<Answerer> {
    match answer {
        b"N" | b"S" => Some(Answerer::Postgres),
        [b'E', ..] if postgres_error(answer) => Some(Answerer::Postgres),
        // Closed without a word on both: as etcd with TLS does.
        [] if closed => Some(Answerer::Tls),
        [] => None,
        _ => Some(Answerer::Other(String::from_utf8_lossy(answer).chars().take(32).collect())),
    }
}

/// Whether `answer` starts as a PostgreSQL ErrorResponse: `E`, then a plausible length.
fn postgres_error(answer: &[u8]) -> bool {
    match answer {
        [b'E', a, b, c, d, ..] => (5..=8192).contains(&u32::from_be_bytes([*a, *b, *c, *d])),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Answers to `GET /version` captured from the real servers (trimmed).
    const PATRONI: &[u8] = b"HTTP/1.0 503 Service Unavailable\r\nServer: BaseHTTP/0.6 Python/3.11.2\r\n\
        Content-Type: application/json\r\n\r\n{\"state\": \"running\", \"role\": \"replica\"";
    const HAPROXY: &[u8] = b"HTTP/1.1 401 Unauthorized\r\ncontent-length: 112\r\ncache-control: no-cache\r\n\
        content-type: text/html\r\nwww-authenticate: Basic realm=\"HAProxy Statistics\"\r\n";
    const ETCD: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 45\r\n\
        Connection: close\r\n\r\n{\"etcdserver\":\"3.4.23\",\"etcdcluster\":\"3.4.0\"}";

    fn status(status: tonic::Status) -> etcd_client::Error {
        etcd_client::Error::GRpcStatus(status)
    }

    #[test]
    fn answers_to_plain_http_tell_the_server_apart() {
        assert_eq!(answer_to_http(PATRONI), Some(Answerer::Http("HTTP/1.0".into())));
        assert_eq!(answer_to_http(HAPROXY), Some(Answerer::Http("HTTP/1.1".into())));
        assert_eq!(answer_to_http(ETCD), Some(Answerer::Etcd));
        // A TLS alert record, and Go's answer when its own HTTP server does the TLS.
        assert_eq!(answer_to_http(&[0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46]), Some(Answerer::Tls));
        let go = b"HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n";
        assert_eq!(answer_to_http(go), Some(Answerer::Tls));
        assert_eq!(answer_to_http(b"E\0\0\0\x58SFATAL\0VFATAL\0C08P01\0"), Some(Answerer::Postgres));
        assert_eq!(
            answer_to_http(b"-ERR unknown command 'GET'"),
            Some(Answerer::Other("-ERR unknown command 'GET'".into()))
        );
        // PostgreSQL 15 and etcd 3.4 with TLS both close without a word: the SSLRequest tells.
        assert_eq!(answer_to_http(b""), None);
    }

    #[test]
    fn answers_to_an_ssl_request_tell_postgresql_from_a_tls_server() {
        assert_eq!(answer_to_ssl_request(b"N", false), Some(Answerer::Postgres));
        assert_eq!(answer_to_ssl_request(b"S", false), Some(Answerer::Postgres));
        assert_eq!(answer_to_ssl_request(b"", true), Some(Answerer::Tls));
        assert_eq!(answer_to_ssl_request(b"", false), None, "silence tells nothing");
    }

    #[test]
    fn only_failures_that_another_server_causes_too_are_probed() {
        let http = "http://127.0.0.1:15432";
        assert!(suspect(http, &status(tonic::Status::unknown("transport error"))));
        let flag = "protocol error: received message with invalid compression flag: 60 (valid flags are 0 and 1)";
        assert!(suspect(http, &status(tonic::Status::internal(flag))));
        let missing = "grpc-status header missing, mapped from HTTP status code 401";
        assert!(suspect(http, &status(tonic::Status::unauthenticated(missing))));
        assert!(!suspect(http, &status(tonic::Status::unavailable("tcp connect error"))));
        assert!(!suspect(http, &status(tonic::Status::invalid_argument("etcdserver: user name is empty"))));
        assert!(!suspect("https://127.0.0.1:2379", &status(tonic::Status::unknown("transport error"))));
    }

    #[test]
    fn what_answers_decides_the_advice() {
        let url = "http://127.0.0.1:15432";
        let error = status(tonic::Status::unknown("transport error"));
        let tls = Some(tls_server("transport error"));
        let answered = |answer: Answerer| vec![(url.to_string(), Some(answer))];
        let Some(Diagnosis::NotEtcd(not)) = judge(url, &error, tls.clone(), &answered(Answerer::Postgres)) else {
            panic!("PostgreSQL is not etcd");
        };
        assert_eq!(not.short, "not etcd: it speaks PostgreSQL, not gRPC");
        assert_eq!(
            not.explained,
            "something that is not etcd answers there (it speaks PostgreSQL, not gRPC); check the etcd3 hosts and \
             port (etcd's client port, 2379 by default)"
        );
        let Some(Diagnosis::NotEtcd(not)) =
            judge(url, &error, tls.clone(), &answered(Answerer::Http("HTTP/1.1".into())))
        else {
            panic!("an HTTP server is not etcd");
        };
        assert!(not.explained.contains("(it speaks HTTP/1.1, not gRPC)"), "{}", not.explained);
        // Unknown bytes: not etcd, or a TLS etcd; both fixes are named.
        let Some(Diagnosis::NotEtcd(not)) = judge(url, &error, tls.clone(), &answered(Answerer::Other("?".into())))
        else {
            panic!("an unknown answer is not etcd");
        };
        assert!(not.explained.contains("etcd3 hosts and port") && not.explained.contains("etcd3.protocol: https"));
        // A TLS server keeps the TLS advice, also when the heuristic alone would not have said it.
        assert_eq!(judge(url, &error, tls.clone(), &answered(Answerer::Tls)), tls.clone().map(Diagnosis::Tls));
        assert_eq!(judge(url, &error, None, &answered(Answerer::Tls)), tls.clone().map(Diagnosis::Tls));
        assert_eq!(judge(url, &error, tls.clone(), &[(url.to_string(), None)]), tls.map(Diagnosis::Tls));
        // Several endpoints: each one that is not etcd is named.
        let two = format!("{url},http://127.0.0.1:18008");
        let answers =
            [(url.to_string(), Some(Answerer::Postgres)), ("http://127.0.0.1:18008".into(), Some(Answerer::Etcd))];
        let Some(Diagnosis::NotEtcd(not)) = judge(&two, &error, None, &answers) else { panic!() };
        assert!(
            not.explained.starts_with(&format!("something that is not etcd answers at {url} (it speaks PostgreSQL"))
        );
    }

    #[test]
    fn endpoints_are_read_back_from_their_label() {
        let label = "http://etcd1:2379,http://etcd2:2379 (PATRONI_ETCD3_HOSTS: \"etcd1,etcd2\" has no port)";
        assert_eq!(endpoint_urls(label), ["http://etcd1:2379", "http://etcd2:2379"]);
        assert_eq!(authority("https://user:secret@[::1]:2379/"), Some("[::1]:2379"));
        assert_eq!(authority("http://127.0.0.1:2379"), Some("127.0.0.1:2379"));
    }

    #[tokio::test]
    async fn a_server_that_closes_every_connection_at_once_is_taken_for_tls_within_the_probe_timeout() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            while let Ok((connection, _)) = listener.accept().await {
                drop(connection);
            }
        });
        let started = std::time::Instant::now();
        assert_eq!(probe(&url).await, Some(Answerer::Tls));
        assert!(started.elapsed() < PROBE_TIMEOUT);
    }

    #[tokio::test]
    async fn postgresql_is_told_by_its_one_byte_answer_to_an_ssl_request_without_waiting() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        // As PostgreSQL 15: a bad startup packet length closes the connection without a word; an
        // SSLRequest is answered `N`, and the connection stays open for the startup message.
        tokio::spawn(async move {
            let mut kept = Vec::new();
            while let Ok((mut connection, _)) = listener.accept().await {
                let mut first = [0u8; 8];
                if connection.read_exact(&mut first).await.is_ok() && first == SSL_REQUEST {
                    connection.write_all(b"N").await.unwrap();
                    kept.push(connection);
                }
            }
        });
        let started = std::time::Instant::now();
        assert_eq!(probe(&url).await, Some(Answerer::Postgres));
        assert!(started.elapsed() < PROBE_TIMEOUT / 2, "took {:?}", started.elapsed());
    }
}
