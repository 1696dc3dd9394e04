//! Response heads, copied out of hyper's buffers at delivery (a `HeaderMap`
//! shares the connection's read buffer, which a lazily read response would
//! otherwise keep alive until the next collection).

use boa_engine::object::builtins::JsArray;
use boa_engine::object::JsObject;
use boa_engine::{Context, JsResult, JsString, JsValue};
use jsrun_net::http::{HeaderMap, HeaderName, Version};
use jsrun_net::ResponseHead;

/// The status line and headers of the final response.
#[derive(Debug)]
pub(crate) struct Head {
    pub(crate) status: u16,
    pub(crate) reason: String,
    pub(crate) headers: CompactHeaders,
}

impl Head {
    pub(crate) fn from_net(head: &ResponseHead) -> Self {
        Head {
            status: head.status.as_u16(),
            reason: head.reason().to_owned(),
            headers: CompactHeaders::from_map(&head.headers),
        }
    }
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

/// Header names and values in two allocations: the names (standard names
/// are static in `http`) with the end offset of each value in one buffer.
#[derive(Debug, Default)]
pub(crate) struct CompactHeaders {
    entries: Vec<(HeaderName, u32)>,
    text: Vec<u8>,
}

impl CompactHeaders {
    pub(crate) fn from_map(map: &HeaderMap) -> Self {
        let mut entries = Vec::with_capacity(map.len());
        let mut text = Vec::with_capacity(map.iter().map(|(_, v)| v.len()).sum());
        for (name, value) in map {
            text.extend_from_slice(value.as_bytes());
            // Heads are capped far below 4 GiB by the engine.
            let end = u32::try_from(text.len()).unwrap_or(u32::MAX);
            entries.push((name.clone(), end));
        }
        CompactHeaders { entries, text }
    }

    /// `(name, value)` in the order received; values of one name are adjacent.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&HeaderName, &[u8])> {
        let mut start = 0usize;
        self.entries.iter().map(move |(name, end)| {
            let end = (*end as usize).min(self.text.len());
            let value = self.text.get(start..end).unwrap_or_default();
            start = end;
            (name, value)
        })
    }
}

/// A header value as a JS string: UTF-8 when it is, else Latin-1 (what
/// the bytes mean in HTTP/1.1's obsolete text rule).
fn value_string(bytes: &[u8]) -> JsString {
    match std::str::from_utf8(bytes) {
        Ok(s) => JsString::from(s),
        Err(_) => {
            let s: String = bytes.iter().map(|&b| char::from(b)).collect();
            JsString::from(s.as_str())
        }
    }
}

/// The document's headers object: one property per name, the value a
/// string, or a collection (array) when the name came more than once.
pub(crate) fn to_object(headers: &CompactHeaders, ctx: &mut Context) -> JsResult<JsObject> {
    let obj = JsObject::with_object_proto(ctx.intrinsics());
    let mut iter = headers.iter().peekable();
    while let Some((name, value)) = iter.next() {
        let key = JsString::from(name.as_str());
        let first = value_string(value);
        if iter.peek().is_some_and(|(next, _)| *next == name) {
            let array = JsArray::new(ctx)?;
            array.push(first, ctx)?;
            while let Some((_, v)) = iter.next_if(|(next, _)| *next == name) {
                array.push(value_string(v), ctx)?;
            }
            obj.create_data_property_or_throw(key, JsValue::from(array), ctx)?;
        } else {
            obj.create_data_property_or_throw(key, first, ctx)?;
        }
    }
    Ok(obj)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsrun_net::http::HeaderValue;

    #[test]
    fn compact_keeps_order_and_repeats() {
        let mut map = HeaderMap::new();
        map.append("content-type", HeaderValue::from_static("text/plain"));
        map.append("set-cookie", HeaderValue::from_static("a=1"));
        map.append("set-cookie", HeaderValue::from_static("b=2"));
        map.append("x-empty", HeaderValue::from_static(""));
        let h = CompactHeaders::from_map(&map);
        let got: Vec<(String, String)> = h
            .iter()
            .map(|(n, v)| (n.to_string(), String::from_utf8_lossy(v).into_owned()))
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
}
