//! Just enough HTTP/1.0 for the JSON endpoints that Patroni and etcd serve on
//! the loopback interface, so the lab needs no HTTP client crate.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use serde_json::Value;

use super::LabError;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
const IO_TIMEOUT: Duration = Duration::from_secs(3);

pub(crate) fn get_json(port: u16, path: &str) -> Result<Value, LabError> {
    request(port, "GET", path, "")
}

pub(crate) fn post_json(port: u16, path: &str, body: &Value) -> Result<Value, LabError> {
    request(port, "POST", path, &body.to_string())
}

/// Sends one request and parses the body as JSON whatever the status: an
/// unhealthy etcd or Patroni answers 503 with a JSON body worth reading.
fn request(port: u16, method: &'static str, path: &str, body: &str) -> Result<Value, LabError> {
    let fail = |reason: String| LabError::Http { method, url: format!("http://127.0.0.1:{port}{path}"), reason };
    let response = exchange(port, method, path, body).map_err(|e| fail(e.to_string()))?;
    let (status, body) = split_response(&response).ok_or_else(|| fail("malformed response".into()))?;
    serde_json::from_slice(body).map_err(|e| fail(format!("status {status}, not JSON: {e}")))
}

fn exchange(port: u16, method: &str, path: &str, body: &str) -> io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect_timeout(&SocketAddr::from(([127, 0, 0, 1], port)), CONNECT_TIMEOUT)?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    // HTTP/1.0: the server closes the connection after its response, so the
    // response is simply everything up to EOF.
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    Ok(response)
}

/// The status code and body of a raw HTTP response.
fn split_response(response: &[u8]) -> Option<(u16, &[u8])> {
    let head_end = response.windows(4).position(|w| w == b"\r\n\r\n")?;
    let status_line = std::str::from_utf8(&response[..head_end]).ok()?.lines().next()?;
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, &response[head_end + 4..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_status_and_body() {
        let raw = b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: application/json\r\n\r\n{\"health\":\"false\"}";
        assert_eq!(split_response(raw), Some((503, &b"{\"health\":\"false\"}"[..])));
    }

    #[test]
    fn rejects_truncated_response() {
        assert_eq!(split_response(b"HTTP/1.0 200 OK\r\nContent-"), None);
        assert_eq!(split_response(b"garbage\r\n\r\n{}"), None);
    }
}
