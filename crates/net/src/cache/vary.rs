//! `Vary` (RFC 9111 §4.1): a stored response answers only requests whose
//! listed header fields match the request it was stored for.

use http::header::VARY;
use http::{HeaderMap, HeaderName};

/// One request header value recorded for `Vary`: `None` when the request
/// did not carry it (absent must match absent).
pub(crate) type Recorded = (HeaderName, Option<Vec<u8>>);

/// The header names a response varies on, lower case, without repeats; `None`
/// for `Vary: *` or a name that is not a valid header name, which no request
/// can match.
pub(crate) fn names(response: &HeaderMap) -> Option<Vec<HeaderName>> {
    let mut out: Vec<HeaderName> = Vec::new();
    for line in response.get_all(VARY) {
        for item in line.as_bytes().split(|b| *b == b',') {
            let item = item.trim_ascii();
            if item.is_empty() {
                continue;
            }
            if item == b"*" {
                return None;
            }
            let name = HeaderName::from_bytes(item).ok()?;
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    Some(out)
}

/// The request's values of `names`, normalised for comparison.
pub(crate) fn record(names: &[HeaderName], request: &HeaderMap) -> Vec<Recorded> {
    names
        .iter()
        .map(|name| (name.clone(), normalized(request, name)))
        .collect()
}

/// Whether `request` selects a response stored with `recorded` values.
pub(crate) fn matches(recorded: &[Recorded], request: &HeaderMap) -> bool {
    recorded
        .iter()
        .all(|(name, value)| normalized(request, name) == *value)
}

/// All lines of `name` combined into one list, each element trimmed of the
/// whitespace around it (RFC 9111 §4.1 allows this normalisation; values are
/// otherwise compared exactly, which errs on the side of a miss).
fn normalized(request: &HeaderMap, name: &HeaderName) -> Option<Vec<u8>> {
    let mut values = request.get_all(name).iter().peekable();
    values.peek()?;
    let mut out = Vec::new();
    for (i, element) in values
        .flat_map(|v| v.as_bytes().split(|b| *b == b','))
        .map(<[u8]>::trim_ascii)
        .enumerate()
    {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(element);
    }
    Some(out)
}
