//! Request body parsing for the echo endpoints: urlencoded forms and multipart/form-data.

use serde_json::{Map, Value};

use crate::util::text_or_data_url;

/// The `form`, `files` and `filesMeta` members of an echo answer.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub form: Map<String, Value>,
    pub files: Map<String, Value>,
    pub files_meta: Map<String, Value>,
}

/// Parses the body by its content type; anything else gives empty maps.
pub(crate) fn parse(content_type: Option<&str>, body: &[u8]) -> Parsed {
    let mut parsed = Parsed::default();
    let Some(ct) = content_type else {
        return parsed;
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "application/x-www-form-urlencoded" {
        for (k, v) in url::form_urlencoded::parse(body) {
            push(
                &mut parsed.form,
                k.into_owned(),
                Value::String(v.into_owned()),
            );
        }
    } else if essence == "multipart/form-data" {
        if let Some(boundary) = param(ct, "boundary") {
            for part in multipart_parts(body, boundary.as_bytes()) {
                match part.filename {
                    Some(filename) => {
                        let meta = serde_json::json!({
                            "filename": filename,
                            "contentType": part.content_type.unwrap_or_else(|| "text/plain".into()),
                            "size": part.data.len(),
                        });
                        push(&mut parsed.files_meta, part.name.clone(), meta);
                        push(
                            &mut parsed.files,
                            part.name,
                            Value::String(text_or_data_url(part.data)),
                        );
                    }
                    None => push(
                        &mut parsed.form,
                        part.name,
                        Value::String(text_or_data_url(part.data)),
                    ),
                }
            }
        }
    }
    parsed
}

/// Inserts a value; a repeated key turns into an array of all its values, in order.
pub(crate) fn push(map: &mut Map<String, Value>, key: String, value: Value) {
    match map.get_mut(&key) {
        None => {
            map.insert(key, value);
        }
        Some(Value::Array(items)) => items.push(value),
        Some(existing) => {
            let first = existing.take();
            *existing = Value::Array(vec![first, value]);
        }
    }
}

/// A `name=value` parameter of a header value such as Content-Type or Content-Disposition.
pub(crate) fn param(header: &str, name: &str) -> Option<String> {
    for piece in split_params(header).into_iter().skip(1) {
        let (k, v) = match piece.split_once('=') {
            Some(kv) => kv,
            None => continue,
        };
        if k.trim().eq_ignore_ascii_case(name) {
            return Some(unquote(v.trim()));
        }
    }
    None
}

/// Splits on `;` outside double quotes.
fn split_params(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut escaped = false;
    for c in s.chars() {
        if escaped {
            cur.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' if quoted => {
                cur.push(c);
                escaped = true;
            }
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ';' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

pub(crate) fn unquote(v: &str) -> String {
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        let inner = &v[1..v.len() - 1];
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else {
                out.push(c);
            }
        }
        out
    } else {
        v.to_string()
    }
}

struct Part<'a> {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    data: &'a [u8],
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn multipart_parts<'a>(body: &'a [u8], boundary: &[u8]) -> Vec<Part<'a>> {
    let mut delim = b"--".to_vec();
    delim.extend_from_slice(boundary);
    let mut parts = Vec::new();
    let Some(mut pos) = find(body, &delim, 0) else {
        return parts;
    };
    loop {
        let after = pos + delim.len();
        if body.get(after..after + 2) == Some(b"--") {
            break;
        }
        // Skip the line break after the delimiter.
        let Some(head_start) = find(body, b"\r\n", after).map(|p| p + 2) else {
            break;
        };
        let Some(head_end) = find(body, b"\r\n\r\n", head_start) else {
            break;
        };
        let mut next_delim = b"\r\n".to_vec();
        next_delim.extend_from_slice(&delim);
        let Some(data_end) = find(body, &next_delim, head_end + 4) else {
            break;
        };
        let head = String::from_utf8_lossy(&body[head_start..head_end]);
        let mut name = None;
        let mut filename = None;
        let mut content_type = None;
        for line in head.split("\r\n") {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            let k = k.trim();
            if k.eq_ignore_ascii_case("content-disposition") {
                name = param(v, "name");
                filename = param(v, "filename");
            } else if k.eq_ignore_ascii_case("content-type") {
                content_type = Some(v.trim().to_string());
            }
        }
        parts.push(Part {
            name: name.unwrap_or_default(),
            filename,
            content_type,
            data: &body[head_end + 4..data_end],
        });
        pos = data_end + 2;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_fields_and_files() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ\r\n\
Content-Disposition: form-data; name=\"f\"; filename=\"x;y.txt\"\r\nContent-Type: text/csv\r\n\r\n\
l1\r\nl2\r\n--XyZ--\r\n";
        let p = parse(Some("multipart/form-data; boundary=XyZ"), body);
        assert_eq!(p.form["a"], "1");
        assert_eq!(p.files["f"], "l1\r\nl2");
        assert_eq!(p.files_meta["f"]["filename"], "x;y.txt");
        assert_eq!(p.files_meta["f"]["contentType"], "text/csv");
        assert_eq!(p.files_meta["f"]["size"], 6);
    }

    #[test]
    fn urlencoded_repeats_become_arrays() {
        let p = parse(Some("application/x-www-form-urlencoded"), b"a=1&b=x+y&a=2");
        assert_eq!(p.form["a"], serde_json::json!(["1", "2"]));
        assert_eq!(p.form["b"], "x y");
    }
}
