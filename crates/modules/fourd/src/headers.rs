//! Response heads, copied out of the engine's buffers at delivery (a
//! `HeaderMap` shares the connection's read buffer, which a lazily read
//! response would otherwise keep alive until the next collection).
//!
//! `headers` is built from the engine's parsed fields (lower-case names).
//! `rawHeaders` shows the names as received: the engine keeps what they are
//! worked out from (`RequestOptions::raw_headers`, set for every 4D
//! request), and that work is done when the script first reads
//! `rawHeaders`, not for every response.

use boa_engine::object::builtins::JsArray;
use boa_engine::object::JsObject;
use boa_engine::property::PropertyKey;
use boa_engine::{Context, JsResult, JsString, JsValue};
use jsrun_net::http::{HeaderMap, HeaderName, HeaderValue, Version};
use jsrun_net::{RawHead, ResponseHead};

/// The status line and headers of the final response.
#[derive(Debug)]
pub(crate) struct Head {
    pub(crate) status: u16,
    pub(crate) reason: String,
    /// Lower-case names, repeats grouped.
    pub(crate) headers: CompactHeaders,
    /// What the names as received come from.
    pub(crate) raw: Option<RawHead>,
}

impl Head {
    pub(crate) fn from_net(head: &ResponseHead) -> Self {
        Head {
            status: head.status.as_u16(),
            reason: head.reason().to_owned(),
            headers: CompactHeaders::from_map(&head.headers),
            raw: head.raw_head.clone(),
        }
    }
}

/// The fields with their names as received, from `raw` checked against
/// `headers` (the same head's fields, lower-case names); `headers` itself
/// when there is nothing to check or it does not agree.
pub(crate) fn as_received(headers: &CompactHeaders, raw: Option<&RawHead>) -> CompactHeaders {
    let Some(raw) = raw else {
        return headers.clone();
    };
    let mut map = HeaderMap::with_capacity(headers.ends.len());
    for (name, value) in headers.iter() {
        match (HeaderName::from_bytes(name), HeaderValue::from_bytes(value)) {
            (Ok(n), Ok(v)) => {
                map.append(n, v);
            }
            // Cannot happen for fields that came from a map; the lower-case
            // names are the safe answer.
            _ => return headers.clone(),
        }
    }
    let fields = raw.fields(&map);
    CompactHeaders::from_fields(
        fields.len(),
        fields.iter().map(|(n, v)| (n.as_ref(), v.as_bytes())),
    )
}

/// `"HTTP2"` for HTTP/2 (and later), `"HTTP1"` otherwise: the values of the
/// `protocol` option.
pub(crate) fn protocol_name(version: Version) -> &'static str {
    if version >= Version::HTTP_2 {
        "HTTP2"
    } else {
        "HTTP1"
    }
}

/// Header fields in wire order, names as received, in two allocations: one
/// buffer holding each name followed by its value, and the end offsets.
#[derive(Clone, Debug, Default)]
pub(crate) struct CompactHeaders {
    /// `(end of name, end of value)` in `text`, per field.
    ends: Vec<(u32, u32)>,
    text: Vec<u8>,
}

impl CompactHeaders {
    fn from_fields<'a>(count: usize, fields: impl Iterator<Item = (&'a [u8], &'a [u8])>) -> Self {
        let mut ends = Vec::with_capacity(count);
        let mut text = Vec::with_capacity(count * 32);
        for (name, value) in fields {
            text.extend_from_slice(name);
            // Heads are capped far below 4 GiB by the engine.
            let name_end = u32::try_from(text.len()).unwrap_or(u32::MAX);
            text.extend_from_slice(value);
            let value_end = u32::try_from(text.len()).unwrap_or(u32::MAX);
            ends.push((name_end, value_end));
        }
        CompactHeaders { ends, text }
    }

    /// The fields of `map` (lower-case names, repeats grouped): what a head
    /// without recorded names has.
    pub(crate) fn from_map(map: &HeaderMap) -> Self {
        CompactHeaders::from_fields(
            map.len(),
            map.iter()
                .map(|(n, v)| (n.as_str().as_bytes(), v.as_bytes())),
        )
    }

    /// `(name, value)` in the order received, names as received.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        let mut start = 0usize;
        self.ends.iter().map(move |&(name_end, value_end)| {
            let name_end = (name_end as usize).min(self.text.len());
            let value_end = (value_end as usize).min(self.text.len());
            let name = self.text.get(start..name_end).unwrap_or_default();
            let value = self.text.get(name_end..value_end).unwrap_or_default();
            start = value_end;
            (name, value)
        })
    }
}

/// Header bytes as a JS string: UTF-8 when they are, else Latin-1 (what
/// the bytes mean in HTTP/1.1's obsolete text rule).
fn text_string(bytes: &[u8]) -> JsString {
    match std::str::from_utf8(bytes) {
        Ok(s) => JsString::from(s),
        Err(_) => {
            let s: String = bytes.iter().map(|&b| char::from(b)).collect();
            JsString::from(s.as_str())
        }
    }
}

/// Which names a headers object is keyed by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Names {
    /// `response.headers`: lower case, so `Set-Cookie` and `set-cookie`
    /// are one header.
    Lower,
    /// `response.rawHeaders`: as received; only the same spelling is the
    /// same key.
    AsReceived,
}

/// The document's headers object: one property per name, in the order the
/// names first came, the value a string, or a collection (array) of every
/// value in order when the name came more than once.
pub(crate) fn to_object(
    headers: &CompactHeaders,
    names: Names,
    ctx: &mut Context,
) -> JsResult<JsObject> {
    // Group first (a repeat need not be adjacent on the wire), then build.
    let mut groups: Vec<(Vec<u8>, Vec<&[u8]>)> = Vec::new();
    for (name, value) in headers.iter() {
        let key: Vec<u8> = match names {
            Names::Lower => name.to_ascii_lowercase(),
            Names::AsReceived => name.to_vec(),
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, values)) => values.push(value),
            None => groups.push((key, vec![value])),
        }
    }
    let obj = JsObject::with_object_proto(ctx.intrinsics());
    for (key, values) in groups {
        let key = PropertyKey::from(text_string(&key));
        let value: JsValue = if let [only] = values.as_slice() {
            text_string(only).into()
        } else {
            let array = JsArray::new(ctx)?;
            for v in values {
                array.push(text_string(v), ctx)?;
            }
            array.into()
        };
        obj.create_data_property_or_throw(key, value, ctx)?;
    }
    Ok(obj)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsrun_net::http::HeaderValue;

    #[test]
    fn compact_keeps_order_and_repeats_of_a_map() {
        let mut map = HeaderMap::new();
        map.append("content-type", HeaderValue::from_static("text/plain"));
        map.append("set-cookie", HeaderValue::from_static("a=1"));
        map.append("set-cookie", HeaderValue::from_static("b=2"));
        map.append("x-empty", HeaderValue::from_static(""));
        let h = CompactHeaders::from_map(&map);
        let got: Vec<(String, String)> = h
            .iter()
            .map(|(n, v)| {
                (
                    String::from_utf8_lossy(n).into_owned(),
                    String::from_utf8_lossy(v).into_owned(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("content-type".into(), "text/plain".into()),
                ("set-cookie".into(), "a=1".into()),
                ("set-cookie".into(), "b=2".into()),
                ("x-empty".into(), String::new()),
            ]
        );
    }

    #[test]
    fn compact_keeps_names_as_received_in_wire_order() {
        let fields: [(&[u8], &[u8]); 4] = [
            (b"Set-Cookie", b"a=1"),
            (b"Content-Type", b"text/plain"),
            (b"set-cookie", b"b=2"),
            (b"X-Empty", b""),
        ];
        let h = CompactHeaders::from_fields(fields.len(), fields.iter().copied());
        let got: Vec<(&[u8], &[u8])> = h.iter().collect();
        assert_eq!(got, fields.to_vec());
    }
}
