//! The DNS wire format (RFC 1035), as much as a stub resolver needs: one
//! A or AAAA question out; the answer section back, with name compression
//! and CNAME chains.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

pub(crate) const TYPE_A: u16 = 1;
pub(crate) const TYPE_CNAME: u16 = 5;
pub(crate) const TYPE_AAAA: u16 = 28;
pub(crate) const CLASS_IN: u16 = 1;
pub(crate) const RCODE_NXDOMAIN: u8 = 3;

/// Why a message could not be built or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WireError(pub &'static str);

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// The parts of a response a resolver acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Response {
    pub id: u16,
    pub truncated: bool,
    pub rcode: u8,
    /// Addresses of the queried name (through its CNAME chain), with TTLs.
    pub addrs: Vec<(IpAddr, u32)>,
}

/// Lower case without the trailing dot: how names are compared.
pub(crate) fn canonical(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// A query for `name` of `qtype` with recursion desired.
pub(crate) fn encode_query(id: u16, name: &str, qtype: u16) -> Result<Vec<u8>, WireError> {
    let name = name.trim_end_matches('.');
    if name.is_empty() || name.len() > 253 {
        return Err(WireError("name length out of range"));
    }
    let mut msg = Vec::with_capacity(18 + name.len());
    msg.extend_from_slice(&id.to_be_bytes());
    msg.extend_from_slice(&0x0100u16.to_be_bytes()); // RD
    msg.extend_from_slice(&1u16.to_be_bytes()); // QDCOUNT
    msg.extend_from_slice(&[0; 6]); // AN, NS, AR
    for label in name.split('.') {
        if label.is_empty() || label.len() > 63 {
            return Err(WireError("empty or over-long label"));
        }
        if !label.is_ascii() {
            return Err(WireError("non-ASCII name (IDNA is the URL parser's job)"));
        }
        msg.push(label.len() as u8);
        msg.extend_from_slice(label.as_bytes());
    }
    msg.push(0);
    msg.extend_from_slice(&qtype.to_be_bytes());
    msg.extend_from_slice(&CLASS_IN.to_be_bytes());
    Ok(msg)
}

fn u16_at(msg: &[u8], at: usize) -> Result<u16, WireError> {
    msg.get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or(WireError("message cut short"))
}

fn u32_at(msg: &[u8], at: usize) -> Result<u32, WireError> {
    msg.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or(WireError("message cut short"))
}

/// Reads a possibly compressed name at `at`; returns it (canonical) and
/// the offset just after it in the original position.
pub(crate) fn read_name(msg: &[u8], mut at: usize) -> Result<(String, usize), WireError> {
    let mut name = String::new();
    let mut end = None;
    // Each pointer must go strictly backwards, so the walk ends; the cap is
    // a second guard.
    let mut jumps = 0;
    let mut limit = at;
    loop {
        let len = *msg.get(at).ok_or(WireError("name runs off the message"))?;
        match len & 0xc0 {
            0x00 => {
                if len == 0 {
                    return Ok((name, end.unwrap_or(at + 1)));
                }
                let label = msg
                    .get(at + 1..at + 1 + usize::from(len))
                    .ok_or(WireError("label runs off the message"))?;
                if !name.is_empty() {
                    name.push('.');
                }
                name.push_str(&String::from_utf8_lossy(label).to_ascii_lowercase());
                if name.len() > 255 {
                    return Err(WireError("name too long"));
                }
                at += 1 + usize::from(len);
            }
            0xc0 => {
                let target = usize::from(u16_at(msg, at)? & 0x3fff);
                if target >= limit || jumps > 64 {
                    return Err(WireError("compression pointer loop"));
                }
                end.get_or_insert(at + 2);
                jumps += 1;
                limit = target;
                at = target;
            }
            _ => return Err(WireError("unknown label type")),
        }
    }
}

/// Parses a response to the query (`id`, `qname`, `qtype`). Address
/// records count only if their owner is `qname` or a name it is an alias
/// of (CNAME chain, in any order within the answer section).
pub(crate) fn parse_response(
    msg: &[u8],
    id: u16,
    qname: &str,
    qtype: u16,
) -> Result<Response, WireError> {
    if u16_at(msg, 0)? != id {
        return Err(WireError("response id does not match"));
    }
    let flags = u16_at(msg, 2)?;
    if flags & 0x8000 == 0 {
        return Err(WireError("not a response"));
    }
    let truncated = flags & 0x0200 != 0;
    let rcode = (flags & 0x000f) as u8;
    let qdcount = u16_at(msg, 4)?;
    let ancount = u16_at(msg, 6)?;
    let mut at = 12;
    let wanted = canonical(qname);
    for _ in 0..qdcount {
        let (name, next) = read_name(msg, at)?;
        if name != wanted || u16_at(msg, next)? != qtype {
            return Err(WireError("response is for another question"));
        }
        at = next + 4;
    }
    let mut cnames: Vec<(String, String)> = Vec::new();
    let mut records: Vec<(String, IpAddr, u32)> = Vec::new();
    for _ in 0..ancount {
        if truncated && at >= msg.len() {
            break;
        }
        let (owner, next) = read_name(msg, at)?;
        let rtype = u16_at(msg, next)?;
        let class = u16_at(msg, next + 2)?;
        let ttl = u32_at(msg, next + 4)?;
        let rdlen = usize::from(u16_at(msg, next + 8)?);
        let rdata_at = next + 10;
        let rdata = msg
            .get(rdata_at..rdata_at + rdlen)
            .ok_or(WireError("record runs off the message"))?;
        if class == CLASS_IN {
            match (rtype, rdata.len()) {
                (TYPE_A, 4) => {
                    let ip = Ipv4Addr::new(rdata[0], rdata[1], rdata[2], rdata[3]);
                    records.push((owner, IpAddr::V4(ip), ttl));
                }
                (TYPE_AAAA, 16) => {
                    let mut octets = [0u8; 16];
                    octets.copy_from_slice(rdata);
                    records.push((owner, IpAddr::V6(Ipv6Addr::from(octets)), ttl));
                }
                (TYPE_CNAME, _) => {
                    let (target, _) = read_name(msg, rdata_at)?;
                    cnames.push((owner, target));
                }
                _ => {}
            }
        }
        at = rdata_at + rdlen;
    }
    // Follow the alias chain from the question's name.
    let mut chain = vec![wanted];
    while chain.len() <= 16 {
        let last = chain.last().map(String::as_str).unwrap_or_default();
        match cnames.iter().find(|(owner, _)| owner == last) {
            Some((_, target)) if !chain.contains(target) => chain.push(target.clone()),
            _ => break,
        }
    }
    let want_v4 = qtype == TYPE_A;
    let addrs = records
        .into_iter()
        .filter(|(owner, ip, _)| chain.contains(owner) && ip.is_ipv4() == want_v4)
        .map(|(_, ip, ttl)| (ip, ttl))
        .collect();
    Ok(Response {
        id,
        truncated,
        rcode,
        addrs,
    })
}
