//! A tiny RESP2 client for the Redis and Sentinel readiness checks.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Debug, PartialEq)]
pub(crate) enum Reply {
    Simple(String),
    Error(String),
    Integer(i64),
    Bulk(String),
    Array(Vec<Reply>),
    /// A null bulk string or null array.
    Nil,
}

impl Reply {
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Self::Simple(s) | Self::Bulk(s) => Some(s),
            _ => None,
        }
    }

    /// A flat `[field, value, field, value, ...]` array (as SENTINEL MASTER
    /// returns) as a map.
    pub(crate) fn fields(&self) -> HashMap<&str, &str> {
        let Self::Array(items) = self else {
            return HashMap::new();
        };
        items.chunks_exact(2).filter_map(|pair| Some((pair[0].as_str()?, pair[1].as_str()?))).collect()
    }
}

/// Runs one command against 127.0.0.1:`port`.
pub(crate) fn command(port: u16, args: &[&str]) -> io::Result<Reply> {
    let mut stream = TcpStream::connect_timeout(&SocketAddr::from(([127, 0, 0, 1], port)), TIMEOUT)?;
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.write_all(&encode(args))?;
    read_reply(&mut BufReader::new(stream))
}

/// Runs one command against 127.0.0.1:`port`, after `AUTH password` when there is one. A
/// refused password is an error.
pub(crate) fn command_as(port: u16, password: Option<&str>, args: &[&str]) -> io::Result<Reply> {
    let Some(password) = password else {
        return command(port, args);
    };
    let mut stream = TcpStream::connect_timeout(&SocketAddr::from(([127, 0, 0, 1], port)), TIMEOUT)?;
    stream.set_read_timeout(Some(TIMEOUT))?;
    let mut request = encode(&["AUTH", password]);
    request.extend(encode(args));
    stream.write_all(&request)?;
    let mut input = BufReader::new(stream);
    match read_reply(&mut input)? {
        Reply::Simple(ok) if ok == "OK" => read_reply(&mut input),
        _ => Err(io::Error::new(io::ErrorKind::PermissionDenied, "AUTH refused")),
    }
}

fn encode(args: &[&str]) -> Vec<u8> {
    let mut out = format!("*{}\r\n", args.len()).into_bytes();
    for arg in args {
        out.extend_from_slice(format!("${}\r\n{arg}\r\n", arg.len()).as_bytes());
    }
    out
}

fn read_reply(input: &mut impl BufRead) -> io::Result<Reply> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    let line = line.trim_end_matches("\r\n");
    let (kind, rest) = line.split_at_checked(1).ok_or_else(|| invalid(line))?;
    let length = || rest.parse::<i64>().map_err(|_| invalid(line));
    Ok(match kind {
        "+" => Reply::Simple(rest.to_owned()),
        "-" => Reply::Error(rest.to_owned()),
        ":" => Reply::Integer(length()?),
        "$" => match usize::try_from(length()?) {
            Err(_) => Reply::Nil,
            Ok(len) => {
                let mut data = vec![0; len + 2];
                input.read_exact(&mut data)?;
                data.truncate(len);
                Reply::Bulk(String::from_utf8_lossy(&data).into_owned())
            }
        },
        "*" => match usize::try_from(length()?) {
            Err(_) => Reply::Nil,
            Ok(len) => Reply::Array((0..len).map(|_| read_reply(input)).collect::<io::Result<_>>()?),
        },
        _ => return Err(invalid(line)),
    })
}

fn invalid(line: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("not a RESP reply: {line:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> io::Result<Reply> {
        read_reply(&mut raw.as_bytes())
    }

    #[test]
    fn encodes_commands_as_bulk_arrays() {
        assert_eq!(
            encode(&["SENTINEL", "MASTER", "mymaster"]),
            b"*3\r\n$8\r\nSENTINEL\r\n$6\r\nMASTER\r\n$8\r\nmymaster\r\n"
        );
    }

    #[test]
    fn parses_scalars() {
        assert_eq!(parse("+PONG\r\n").unwrap(), Reply::Simple("PONG".into()));
        assert_eq!(parse("-ERR no such master\r\n").unwrap(), Reply::Error("ERR no such master".into()));
        assert_eq!(parse(":42\r\n").unwrap(), Reply::Integer(42));
        assert_eq!(parse("$5\r\nhe\r\no\r\n").unwrap(), Reply::Bulk("he\r\no".into()));
        assert_eq!(parse("$-1\r\n").unwrap(), Reply::Nil);
        assert_eq!(parse("*-1\r\n").unwrap(), Reply::Nil);
    }

    #[test]
    fn parses_nested_arrays() {
        let reply = parse("*3\r\n$6\r\nmaster\r\n:3129\r\n*1\r\n*2\r\n$9\r\n127.0.0.1\r\n$4\r\n6391\r\n").unwrap();
        assert_eq!(
            reply,
            Reply::Array(vec![
                Reply::Bulk("master".into()),
                Reply::Integer(3129),
                Reply::Array(vec![Reply::Array(vec![Reply::Bulk("127.0.0.1".into()), Reply::Bulk("6391".into()),])]),
            ])
        );
    }

    #[test]
    fn maps_field_value_arrays() {
        let reply = parse("*4\r\n$4\r\nname\r\n$8\r\nmymaster\r\n$10\r\nnum-slaves\r\n$1\r\n1\r\n").unwrap();
        let fields = reply.fields();
        assert_eq!(fields["name"], "mymaster");
        assert_eq!(fields["num-slaves"], "1");
    }

    #[test]
    fn rejects_garbage_and_truncation() {
        assert!(parse("hello\r\n").is_err());
        assert!(parse("$10\r\nshort\r\n").is_err());
        assert!(parse("").is_err());
    }
}
