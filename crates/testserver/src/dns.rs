//! A tiny UDP DNS server (RFC 1035 wire format, by hand): A and AAAA answers with loopback
//! for names ending in `.test` and for `localhost.jsrun`; NXDOMAIN for anything else.

use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use http::{Method, Response, StatusCode};
use tokio::net::UdpSocket;

use crate::body::Body;
use crate::state::State;
use crate::util::{self, Req};

const TYPE_A: u16 = 1;
const TYPE_AAAA: u16 = 28;
const CLASS_IN: u16 = 1;
const RCODE_FORMERR: u8 = 1;
const RCODE_NXDOMAIN: u8 = 3;
const RCODE_NOTIMP: u8 = 4;
const TTL: u32 = 60;

pub(crate) async fn run(socket: UdpSocket, state: Arc<State>) {
    let mut buf = [0u8; 1500];
    loop {
        let (n, peer) = match socket.recv_from(&mut buf).await {
            Ok(x) => x,
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(5)).await;
                continue;
            }
        };
        let Some(reply) = answer(&buf[..n]) else {
            continue;
        };
        state.stats.dns_queries.fetch_add(1, Ordering::SeqCst);
        let _ = socket.send_to(&reply, peer).await;
    }
}

/// `/dns-query` (RFC 8484): `GET ?dns=<base64url>` or `POST` with an
/// `application/dns-message` body; the same answers as the UDP server.
pub(crate) fn doh(req: &Req) -> Response<Body> {
    let msg = if req.method == Method::POST {
        req.body.to_vec()
    } else {
        let Some(b64) = req.arg("dns") else {
            return util::bad_request("missing dns parameter");
        };
        match base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(b64.trim_end_matches('=')) {
            Ok(m) => m,
            Err(_) => return util::bad_request("dns parameter is not base64url"),
        }
    };
    match answer(&msg) {
        Some(reply) => {
            req.conn
                .state
                .stats
                .doh_queries
                .fetch_add(1, Ordering::SeqCst);
            util::respond(StatusCode::OK, "application/dns-message", reply)
        }
        None => util::bad_request("not a DNS query"),
    }
}

/// Whether a name resolves to loopback here.
pub(crate) fn is_local_name(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.ends_with(".test") || name == "localhost.jsrun"
}

/// Reads the question's name; returns (name, offset after it).
fn read_name(msg: &[u8], mut pos: usize) -> Option<(String, usize)> {
    let mut labels = Vec::new();
    loop {
        let len = usize::from(*msg.get(pos)?);
        pos += 1;
        if len == 0 {
            break;
        }
        // Queries carry no compression pointers; refuse them rather than chase loops.
        if len & 0xC0 != 0 || labels.len() > 127 {
            return None;
        }
        let label = msg.get(pos..pos + len)?;
        labels.push(String::from_utf8_lossy(label).into_owned());
        pos += len;
    }
    Some((labels.join("."), pos))
}

/// Builds the reply to one query message; None for messages not worth answering.
pub(crate) fn answer(query: &[u8]) -> Option<Vec<u8>> {
    if query.len() < 12 {
        return None;
    }
    let flags = u16::from_be_bytes([query[2], query[3]]);
    if flags & 0x8000 != 0 {
        return None; // a response, not a query
    }
    let opcode = (flags >> 11) & 0x0F;
    let rd = flags & 0x0100;
    let qdcount = u16::from_be_bytes([query[4], query[5]]);
    let header = |rcode: u8, ancount: u16, qd: u16| {
        let mut h = query[0..2].to_vec();
        let flags: u16 = 0x8000 | (opcode << 11) | 0x0400 | rd | 0x0080 | u16::from(rcode);
        h.extend_from_slice(&flags.to_be_bytes());
        h.extend_from_slice(&qd.to_be_bytes());
        h.extend_from_slice(&ancount.to_be_bytes());
        h.extend_from_slice(&[0, 0, 0, 0]);
        h
    };
    if opcode != 0 {
        return Some(header(RCODE_NOTIMP, 0, 0));
    }
    if qdcount != 1 {
        return Some(header(RCODE_FORMERR, 0, 0));
    }
    let Some((name, end)) = read_name(query, 12) else {
        return Some(header(RCODE_FORMERR, 0, 0));
    };
    let Some(q) = query.get(end..end + 4) else {
        return Some(header(RCODE_FORMERR, 0, 0));
    };
    let qtype = u16::from_be_bytes([q[0], q[1]]);
    let qclass = u16::from_be_bytes([q[2], q[3]]);
    let question = &query[12..end + 4];
    if !is_local_name(&name) {
        let mut out = header(RCODE_NXDOMAIN, 0, 1);
        out.extend_from_slice(question);
        return Some(out);
    }
    let rdata: Option<Vec<u8>> = match (qtype, qclass) {
        (TYPE_A, CLASS_IN) => Some(Ipv4Addr::LOCALHOST.octets().to_vec()),
        (TYPE_AAAA, CLASS_IN) => Some(Ipv6Addr::LOCALHOST.octets().to_vec()),
        _ => None,
    };
    let mut out = header(0, u16::from(rdata.is_some()), 1);
    out.extend_from_slice(question);
    if let Some(rdata) = rdata {
        out.extend_from_slice(&[0xC0, 0x0C]); // pointer to the question's name
        out.extend_from_slice(&qtype.to_be_bytes());
        out.extend_from_slice(&CLASS_IN.to_be_bytes());
        out.extend_from_slice(&TTL.to_be_bytes());
        out.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
        out.extend_from_slice(&rdata);
    }
    Some(out)
}

/// A query message for `name`.
#[cfg(test)]
pub(crate) fn query(id: u16, name: &str, qtype: u16) -> Vec<u8> {
    let mut q = id.to_be_bytes().to_vec();
    q.extend_from_slice(&[0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
    for label in name.trim_end_matches('.').split('.') {
        q.push(label.len() as u8);
        q.extend_from_slice(label.as_bytes());
    }
    q.push(0);
    q.extend_from_slice(&qtype.to_be_bytes());
    q.extend_from_slice(&CLASS_IN.to_be_bytes());
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_aaaa_and_nxdomain() {
        let r = answer(&query(7, "api.jsrun.test", TYPE_A)).unwrap_or_default();
        assert_eq!(&r[0..2], &[0, 7]);
        assert_eq!(r[3] & 0x0F, 0);
        assert_eq!(u16::from_be_bytes([r[6], r[7]]), 1);
        assert_eq!(&r[r.len() - 4..], &[127, 0, 0, 1]);

        let r = answer(&query(8, "LOCALHOST.jsrun", TYPE_AAAA)).unwrap_or_default();
        assert_eq!(&r[r.len() - 16..], &Ipv6Addr::LOCALHOST.octets());

        let r = answer(&query(9, "example.com", TYPE_A)).unwrap_or_default();
        assert_eq!(r[3] & 0x0F, RCODE_NXDOMAIN);
        assert_eq!(u16::from_be_bytes([r[6], r[7]]), 0);
    }

    #[test]
    fn garbage_gets_formerr_or_nothing() {
        assert!(answer(&[1, 2, 3]).is_none());
        let mut q = query(1, "a.test", TYPE_A);
        q.truncate(15);
        let r = answer(&q).unwrap_or_default();
        assert_eq!(r[3] & 0x0F, RCODE_FORMERR);
    }
}
