//! JS strings to UTF-8 without Boa's escaping `Display`, which goes through
//! the formatter one character at a time (microseconds for a 1 KiB body).

use boa_engine::string::JsStrVariant;
use boa_engine::JsString;

/// The UTF-8 bytes of `s`; lone surrogates become U+FFFD (as N-API's UTF-8
/// conversion does).
pub(crate) fn to_utf8(s: &JsString) -> Vec<u8> {
    match s.as_str().variant() {
        JsStrVariant::Latin1(bytes) => {
            if bytes.is_ascii() {
                bytes.to_vec()
            } else {
                let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 2);
                for &b in bytes {
                    let mut buf = [0u8; 2];
                    out.extend_from_slice(char::from(b).encode_utf8(&mut buf).as_bytes());
                }
                out
            }
        }
        // Boa builds many strings (JSON.stringify's, concatenations) as
        // UTF-16 even when they are ASCII: narrow those in two simple passes.
        JsStrVariant::Utf16(units) if is_ascii16(units) => units.iter().map(|&u| u as u8).collect(),
        JsStrVariant::Utf16(units) => String::from_utf16_lossy(units).into_bytes(),
    }
}

/// True if every unit is ASCII. An OR over the whole slice (no early exit)
/// compiles to a vector loop.
fn is_ascii16(units: &[u16]) -> bool {
    units.iter().fold(0u16, |acc, &u| acc | u) < 0x80
}

/// `s` as a Rust `String` (see [`to_utf8`]).
pub(crate) fn to_string(s: &JsString) -> String {
    match s.as_str().variant() {
        JsStrVariant::Latin1(bytes) if bytes.is_ascii() => {
            // ASCII is UTF-8: one copy, no per-character work. (`from_utf8`
            // checks a word at a time; `from_utf8_lossy` went through its
            // chunk iterator, ~400 instructions for a 30-byte URL.)
            std::str::from_utf8(bytes)
                .map(str::to_owned)
                .unwrap_or_default()
        }
        JsStrVariant::Latin1(bytes) => bytes.iter().map(|&b| char::from(b)).collect(),
        JsStrVariant::Utf16(units) if is_ascii16(units) => {
            units.iter().map(|&u| char::from(u as u8)).collect()
        }
        JsStrVariant::Utf16(units) => String::from_utf16_lossy(units),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_latin1_and_utf16() {
        assert_eq!(to_string(&JsString::from("plain")), "plain");
        assert_eq!(to_string(&JsString::from("héllo")), "héllo");
        assert_eq!(to_utf8(&JsString::from("é")), "é".as_bytes());
        assert_eq!(to_string(&JsString::from("日本")), "日本");
        let lone = JsString::from(&[0xD800u16, 0x61][..]);
        assert_eq!(to_string(&lone), "\u{FFFD}a");
        let wide_ascii = JsString::from(&[0x61u16, 0x62][..]);
        assert_eq!(to_utf8(&wide_ascii), b"ab");
        assert_eq!(to_string(&wide_ascii), "ab");
    }
}
