//! Response header names as they were received (4D's `rawHeaders`): read
//! from the bytes of an HTTP/1 head recorded by the connection, checked
//! against what hyper parsed; otherwise (HTTP/2, or a head that could not be
//! recorded) taken from the map, whose names are lower case.

use std::ops::Range;

use bytes::Bytes;
use http::{HeaderMap, HeaderValue};

/// What a response head's names as received are worked out from, kept
/// until someone asks: the bytes of the HTTP/1 head as recorded by the
/// connection (none for HTTP/2, or when the head could not be recorded).
/// Checking those bytes against hyper's map costs a few thousand
/// instructions per response, and most scripts never read the names.
#[derive(Clone, Debug, Default)]
pub struct RawHead {
    wire: Option<Bytes>,
}

impl RawHead {
    pub(crate) fn recorded(wire: Option<Vec<u8>>) -> Self {
        RawHead {
            wire: wire.map(Bytes::from),
        }
    }

    /// The header fields in the order received, names as sent, given
    /// `map`, the head's parsed headers (lower-case names) that the
    /// recorded bytes are checked against; the map's own fields when there
    /// are no recorded bytes or they do not agree with it.
    pub fn fields(&self, map: &HeaderMap) -> Vec<(Bytes, HeaderValue)> {
        match &self.wire {
            Some(wire) => from_wire(wire.clone(), map),
            None => from_map(map),
        }
    }
}

/// The headers of `head` (the raw bytes of one response head) in wire order,
/// names as sent; falls back to [`from_map`] when they do not agree with
/// `map`, the headers hyper parsed from the same bytes.
pub(crate) fn from_wire(head: Bytes, map: &HeaderMap) -> Vec<(Bytes, HeaderValue)> {
    if let Some(list) = in_map_order(&head, map) {
        return list;
    }
    let Some(fields) = fields(&head) else {
        return from_map(map);
    };
    let mut list = Vec::with_capacity(fields.len());
    for f in &fields {
        let Ok(value) = HeaderValue::from_maybe_shared(head.slice(f.value.clone())) else {
            return from_map(map);
        };
        list.push((head.slice(f.name.clone()), value));
    }
    if agrees(&list, map) {
        list
    } else {
        from_map(map)
    }
}

/// The common case, checked without parsing: `head` holds `map`'s fields in
/// the map's order (true unless a repeated name is split by another one),
/// each line `name:` OWS value OWS. The names are taken from `head`, the
/// values are the map's own.
fn in_map_order(head: &Bytes, map: &HeaderMap) -> Option<Vec<(Bytes, HeaderValue)>> {
    let skip_ows = |mut i: usize| {
        while matches!(head.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        i
    };
    let mut pos = head.iter().position(|&b| b == b'\n')? + 1;
    let mut out = Vec::with_capacity(map.len());
    for (name, value) in map {
        let name = name.as_str().as_bytes();
        let name_end = pos + name.len();
        if head.get(name_end) != Some(&b':') || !head[pos..name_end].eq_ignore_ascii_case(name) {
            return None;
        }
        let v_start = skip_ows(name_end + 1);
        let v_end = v_start + value.len();
        if head.get(v_start..v_end) != Some(value.as_bytes()) {
            return None;
        }
        let mut i = skip_ows(v_end);
        if head.get(i) == Some(&b'\r') {
            i += 1;
        }
        if head.get(i) != Some(&b'\n') {
            return None;
        }
        out.push((head.slice(pos..name_end), value.clone()));
        pos = i + 1;
    }
    // Only the blank line may follow.
    matches!(&head[pos.min(head.len())..], b"\r\n" | b"\n").then_some(out)
}

/// The headers of `map` with their (lower-case) names.
pub(crate) fn from_map(map: &HeaderMap) -> Vec<(Bytes, HeaderValue)> {
    map.iter()
        .map(|(name, value)| {
            (
                Bytes::copy_from_slice(name.as_str().as_bytes()),
                value.clone(),
            )
        })
        .collect()
}

/// Where one header line's name and (trimmed) value are in the head.
struct Field {
    name: Range<usize>,
    value: Range<usize>,
}

/// The header lines after the status line. `None` for a line hyper would
/// not have accepted either.
fn fields(head: &[u8]) -> Option<Vec<Field>> {
    let mut out = Vec::with_capacity(16);
    let mut start = head.iter().position(|&b| b == b'\n')? + 1;
    while start < head.len() {
        let end = head[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(head.len(), |i| start + i);
        let mut line_end = end;
        if line_end > start && head[line_end - 1] == b'\r' {
            line_end -= 1;
        }
        if line_end == start {
            break; // the blank line
        }
        let line = &head[start..line_end];
        let colon = line.iter().position(|&b| b == b':')?;
        if colon == 0 || line[..colon].iter().any(|b| b.is_ascii_whitespace()) {
            return None;
        }
        let mut v_start = start + colon + 1;
        let mut v_end = line_end;
        while v_start < v_end && matches!(head[v_start], b' ' | b'\t') {
            v_start += 1;
        }
        while v_end > v_start && matches!(head[v_end - 1], b' ' | b'\t') {
            v_end -= 1;
        }
        out.push(Field {
            name: start..start + colon,
            value: v_start..v_end,
        });
        start = end + 1;
    }
    Some(out)
}

/// Same number of fields, each name one hyper kept.
fn agrees(list: &[(Bytes, HeaderValue)], map: &HeaderMap) -> bool {
    list.len() == map.len()
        && list
            .iter()
            .all(|(name, _)| http::HeaderName::from_bytes(name).is_ok_and(|n| map.contains_key(&n)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (n, v) in pairs {
            m.append(
                http::HeaderName::from_bytes(n.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        m
    }

    fn names(list: &[(Bytes, HeaderValue)]) -> Vec<String> {
        list.iter()
            .map(|(n, v)| format!("{}={}", String::from_utf8_lossy(n), v.to_str().unwrap()))
            .collect()
    }

    #[test]
    fn names_keep_their_case_and_order_values_are_trimmed() {
        let head = b"HTTP/1.1 200 OK\r\nX-B: 1\r\nContent-Type:  text/plain \r\nx-b:2\r\n\r\n";
        let m = map(&[("content-type", "text/plain"), ("x-b", "1"), ("x-b", "2")]);
        let list = from_wire(Bytes::copy_from_slice(head), &m);
        assert_eq!(names(&list), ["X-B=1", "Content-Type=text/plain", "x-b=2"]);
        // Bare LF line ends are read too.
        let list = from_wire(
            Bytes::from_static(b"HTTP/1.1 200 OK\nA-B: c\n\n"),
            &map(&[("a-b", "c")]),
        );
        assert_eq!(names(&list), ["A-B=c"]);
    }

    #[test]
    fn heads_in_map_order_take_the_short_way() {
        // Repeats next to each other keep the map in wire order.
        let head = b"HTTP/1.1 200 OK\r\nContent-Type: a\r\nSet-Cookie: x=1\r\nset-cookie: y=2\r\nX-Y:  z \r\n\r\n";
        let m = map(&[
            ("content-type", "a"),
            ("set-cookie", "x=1"),
            ("set-cookie", "y=2"),
            ("x-y", "z"),
        ]);
        let list = from_wire(Bytes::copy_from_slice(head), &m);
        assert_eq!(
            names(&list),
            [
                "Content-Type=a",
                "Set-Cookie=x=1",
                "set-cookie=y=2",
                "X-Y=z"
            ]
        );
    }

    #[test]
    fn the_short_way_only_for_heads_in_map_order() {
        let m = map(&[("x-b", "1"), ("x-b", "2"), ("content-type", "t")]);
        let in_order =
            Bytes::from_static(b"HTTP/1.1 200 OK\r\nX-B: 1\r\nx-b:2\r\nContent-Type: t\r\n\r\n");
        assert!(in_map_order(&in_order, &m).is_some());
        let split =
            Bytes::from_static(b"HTTP/1.1 200 OK\r\nX-B: 1\r\nContent-Type: t\r\nx-b:2\r\n\r\n");
        assert!(in_map_order(&split, &m).is_none());
        let other_value =
            Bytes::from_static(b"HTTP/1.1 200 OK\r\nX-B: 1\r\nx-b:3\r\nContent-Type: t\r\n\r\n");
        assert!(in_map_order(&other_value, &m).is_none());
        let trailing = Bytes::from_static(
            b"HTTP/1.1 200 OK\r\nX-B: 1\r\nx-b:2\r\nContent-Type: t\r\nX-More: 1\r\n\r\n",
        );
        assert!(in_map_order(&trailing, &m).is_none());
    }

    #[test]
    fn disagreement_falls_back_to_the_map() {
        let m = map(&[("x-a", "1")]);
        for head in [
            &b"HTTP/1.1 200 OK\r\nX-A: 1\r\nX-Extra: 2\r\n\r\n"[..],
            b"HTTP/1.1 200 OK\r\nX-Other: 1\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
            b"garbage",
        ] {
            assert_eq!(
                names(&from_wire(Bytes::copy_from_slice(head), &m)),
                ["x-a=1"],
                "{head:?}"
            );
        }
    }
}
