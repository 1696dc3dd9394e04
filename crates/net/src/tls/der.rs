//! A minimal DER reader: just enough ASN.1 to find a certificate's
//! SubjectPublicKeyInfo and to walk a PKCS#12 file.
//!
//! Only definite lengths are accepted (DER, and the BER that OpenSSL and
//! every other PKCS#12 writer we know of emit); anything else is reported as
//! malformed rather than guessed at.

pub(crate) const SEQUENCE: u8 = 0x30;
pub(crate) const SET: u8 = 0x31;
pub(crate) const INTEGER: u8 = 0x02;
pub(crate) const OCTET_STRING: u8 = 0x04;
pub(crate) const OID: u8 = 0x06;
/// `[0]` constructed, as used for EXPLICIT tagging.
pub(crate) const CONTEXT_0: u8 = 0xa0;
/// `[0]` primitive, as used for IMPLICIT OCTET STRING.
pub(crate) const CONTEXT_0_PRIMITIVE: u8 = 0x80;

/// Why a structure could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Malformed;

/// One tag-length-value element.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tlv<'a> {
    pub tag: u8,
    pub value: &'a [u8],
    /// The whole element, header included.
    pub raw: &'a [u8],
}

/// A cursor over a run of DER elements.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(input: &'a [u8]) -> Self {
        Reader { rest: input }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The tag of the next element, without consuming it.
    pub(crate) fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// Reads the next element, whatever its tag.
    pub(crate) fn any(&mut self) -> Result<Tlv<'a>, Malformed> {
        let input = self.rest;
        let (&tag, after_tag) = input.split_first().ok_or(Malformed)?;
        // High tag numbers (0x1f) never occur in the structures we read.
        if tag & 0x1f == 0x1f {
            return Err(Malformed);
        }
        let (&first, mut after_len) = after_tag.split_first().ok_or(Malformed)?;
        let len = if first < 0x80 {
            usize::from(first)
        } else {
            let n = usize::from(first & 0x7f);
            // 0x80 is BER's indefinite length; more than 4 length bytes is absurd here.
            if n == 0 || n > 4 || after_len.len() < n {
                return Err(Malformed);
            }
            let mut len = 0usize;
            for &b in &after_len[..n] {
                len = (len << 8) | usize::from(b);
            }
            after_len = &after_len[n..];
            len
        };
        if after_len.len() < len {
            return Err(Malformed);
        }
        let header = input.len() - after_len.len();
        let value = &after_len[..len];
        let raw = &input[..header + len];
        self.rest = &after_len[len..];
        Ok(Tlv { tag, value, raw })
    }

    /// Reads the next element and checks its tag.
    pub(crate) fn expect(&mut self, tag: u8) -> Result<Tlv<'a>, Malformed> {
        let tlv = self.any()?;
        if tlv.tag == tag {
            Ok(tlv)
        } else {
            Err(Malformed)
        }
    }

    /// Reads a SEQUENCE and returns a reader over its contents.
    pub(crate) fn sequence(&mut self) -> Result<Reader<'a>, Malformed> {
        Ok(Reader::new(self.expect(SEQUENCE)?.value))
    }

    /// Reads the next element if it has `tag`.
    pub(crate) fn optional(&mut self, tag: u8) -> Result<Option<Tlv<'a>>, Malformed> {
        if self.peek_tag() == Some(tag) {
            self.expect(tag).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Reads a non-negative INTEGER that fits in a `u64`.
    pub(crate) fn small_uint(&mut self) -> Result<u64, Malformed> {
        let v = self.expect(INTEGER)?.value;
        let v = match v {
            [0, rest @ ..] => rest,
            [first, ..] if first & 0x80 != 0 => return Err(Malformed),
            _ => v,
        };
        if v.len() > 8 {
            return Err(Malformed);
        }
        Ok(v.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
    }

    /// Reads an OBJECT IDENTIFIER and returns its encoded bytes.
    pub(crate) fn oid(&mut self) -> Result<&'a [u8], Malformed> {
        Ok(self.expect(OID)?.value)
    }

    /// Reads an OCTET STRING, primitive or (BER) constructed from primitive
    /// pieces; the pieces are joined.
    pub(crate) fn octet_string(&mut self) -> Result<std::borrow::Cow<'a, [u8]>, Malformed> {
        let tlv = self.any()?;
        octets(tlv)
    }
}

/// The bytes of an OCTET STRING element (or of an IMPLICIT-tagged one):
/// primitive as is, constructed by joining its primitive pieces.
pub(crate) fn octets(tlv: Tlv<'_>) -> Result<std::borrow::Cow<'_, [u8]>, Malformed> {
    if tlv.tag & 0x20 == 0 {
        return Ok(std::borrow::Cow::Borrowed(tlv.value));
    }
    let mut joined = Vec::with_capacity(tlv.value.len());
    let mut inner = Reader::new(tlv.value);
    while !inner.is_empty() {
        let piece = inner.expect(OCTET_STRING)?;
        joined.extend_from_slice(piece.value);
    }
    Ok(std::borrow::Cow::Owned(joined))
}

/// The DER SubjectPublicKeyInfo of an X.509 certificate.
pub(crate) fn certificate_spki(cert: &[u8]) -> Result<&[u8], Malformed> {
    let mut outer = Reader::new(cert);
    let mut cert = outer.sequence()?;
    let mut tbs = cert.sequence()?;
    // version [0] EXPLICIT is optional (absent means v1).
    tbs.optional(CONTEXT_0)?;
    tbs.expect(INTEGER)?; // serialNumber
    tbs.expect(SEQUENCE)?; // signature
    tbs.expect(SEQUENCE)?; // issuer
    tbs.expect(SEQUENCE)?; // validity
    tbs.expect(SEQUENCE)?; // subject
    Ok(tbs.expect(SEQUENCE)?.raw)
}

/// Renders an encoded OID as dotted text, for error details.
pub(crate) fn oid_to_string(oid: &[u8]) -> String {
    let mut parts: Vec<u64> = Vec::new();
    let mut acc = 0u64;
    for (i, &b) in oid.iter().enumerate() {
        acc = (acc << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            if parts.is_empty() && i < 8 {
                let first = if acc < 80 { acc / 40 } else { 2 };
                parts.push(first);
                parts.push(acc - first * 40);
            } else {
                parts.push(acc);
            }
            acc = 0;
        }
    }
    parts
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_short_and_long_lengths() {
        let mut long = vec![OCTET_STRING, 0x81, 200];
        long.extend(std::iter::repeat_n(7u8, 200));
        let mut r = Reader::new(&long);
        let tlv = r.expect(OCTET_STRING).expect("long form");
        assert_eq!(tlv.value.len(), 200);
        assert!(r.is_empty());

        let mut r = Reader::new(&[INTEGER, 0x02, 0x01, 0x00]);
        assert_eq!(r.small_uint(), Ok(256));
    }

    #[test]
    fn rejects_truncation_and_indefinite_lengths() {
        assert_eq!(
            Reader::new(&[SEQUENCE, 0x05, 1, 2]).any().err(),
            Some(Malformed)
        );
        assert_eq!(
            Reader::new(&[SEQUENCE, 0x80, 0, 0]).any().err(),
            Some(Malformed)
        );
        assert_eq!(
            Reader::new(&[INTEGER, 0x01, 0xff]).small_uint(),
            Err(Malformed)
        );
    }

    #[test]
    fn joins_constructed_octet_strings() {
        let ber = [
            0x24,
            0x08,
            OCTET_STRING,
            0x02,
            b'a',
            b'b',
            OCTET_STRING,
            0x02,
            b'c',
            b'd',
        ];
        let got = Reader::new(&ber).octet_string().expect("constructed");
        assert_eq!(&*got, b"abcd");
    }

    #[test]
    fn renders_oids() {
        // 1.2.840.113549.1.12.10.1.3 (certBag)
        let oid = [
            0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x03,
        ];
        assert_eq!(oid_to_string(&oid), "1.2.840.113549.1.12.10.1.3");
    }
}
