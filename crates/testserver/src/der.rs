//! Just enough DER: a writer for the PKCS#12 bundle and a reader for a certificate's
//! subject CN.

/// A TLV with the given tag.
pub(crate) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

pub(crate) fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

pub(crate) fn set(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x31, &parts.concat())
}

pub(crate) fn octets(data: &[u8]) -> Vec<u8> {
    tlv(0x04, data)
}

pub(crate) fn null() -> Vec<u8> {
    vec![0x05, 0x00]
}

/// `[n] EXPLICIT` (constructed context tag).
pub(crate) fn explicit(n: u8, content: &[u8]) -> Vec<u8> {
    tlv(0xA0 | n, content)
}

/// `[n] IMPLICIT` over a primitive type.
pub(crate) fn implicit_primitive(n: u8, content: &[u8]) -> Vec<u8> {
    tlv(0x80 | n, content)
}

pub(crate) fn uint(v: u64) -> Vec<u8> {
    let bytes = v.to_be_bytes();
    let skip = bytes.iter().take_while(|b| **b == 0).count().min(7);
    let mut content = bytes[skip..].to_vec();
    if content[0] & 0x80 != 0 {
        content.insert(0, 0);
    }
    tlv(0x02, &content)
}

pub(crate) fn oid(arcs: &[u64]) -> Vec<u8> {
    let mut content = Vec::new();
    let mut push = |mut v: u64| {
        let mut tmp = vec![(v & 0x7f) as u8];
        v >>= 7;
        while v > 0 {
            tmp.push(0x80 | (v & 0x7f) as u8);
            v >>= 7;
        }
        tmp.reverse();
        content.extend_from_slice(&tmp);
    };
    if arcs.len() >= 2 {
        push(arcs[0] * 40 + arcs[1]);
        for a in &arcs[2..] {
            push(*a);
        }
    }
    tlv(0x06, &content)
}

/// A BMPString (UTF-16BE).
pub(crate) fn bmp_string(s: &str) -> Vec<u8> {
    let content: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
    tlv(0x1E, &content)
}

/// Reads one TLV: (tag, content, rest).
pub(crate) fn read(data: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = data.split_first()?;
    let (&first, mut rest) = rest.split_first()?;
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 8 || rest.len() < n {
            return None;
        }
        let mut len = 0usize;
        for b in &rest[..n] {
            len = len.checked_mul(256)?.checked_add(usize::from(*b))?;
        }
        rest = &rest[n..];
        len
    };
    if rest.len() < len {
        return None;
    }
    Some((tag, &rest[..len], &rest[len..]))
}

/// The subject common name of an X.509 certificate.
pub(crate) fn subject_cn(cert: &[u8]) -> Option<String> {
    let (_, cert, _) = read(cert)?;
    let (_, tbs, _) = read(cert)?;
    let mut rest = tbs;
    // Optional [0] version, then serial, signature, issuer, validity, subject.
    let (tag, _, r) = read(rest)?;
    if tag == 0xA0 {
        rest = r;
    }
    for _ in 0..4 {
        rest = read(rest)?.2;
    }
    let (_, subject, _) = read(rest)?;
    let cn_oid = oid(&[2, 5, 4, 3]);
    let mut rdns = subject;
    while !rdns.is_empty() {
        let (_, rdn, next) = read(rdns)?;
        rdns = next;
        let mut atvs = rdn;
        while !atvs.is_empty() {
            let (_, atv, next) = read(atvs)?;
            atvs = next;
            let (_, oid_content, value) = read(atv)?;
            if tlv(0x06, oid_content) == cn_oid {
                let (_, text, _) = read(value)?;
                return String::from_utf8(text.to_vec()).ok();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_known_values() {
        assert_eq!(
            oid(&[1, 2, 840, 113_549, 1, 7, 1]),
            [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01]
        );
        assert_eq!(uint(2048), [0x02, 0x02, 0x08, 0x00]);
        assert_eq!(uint(128), [0x02, 0x02, 0x00, 0x80]);
        assert_eq!(uint(0), [0x02, 0x01, 0x00]);
        let long = tlv(0x04, &[0u8; 300]);
        assert_eq!(&long[..4], &[0x04, 0x82, 0x01, 0x2C]);
        assert_eq!(
            read(&long).map(|(t, c, r)| (t, c.len(), r.len())),
            Some((4, 300, 0))
        );
    }
}
