//! Request bodies: what a caller hands over ([`Body`]) and what goes on the
//! wire ([`Prepared`]: a content type, a length when known, and a
//! [`BodyStream`] that reads files lazily in 64 KiB chunks).
//!
//! [`prepare`] can be called again for the same body (redirects and auth
//! retries resend it): it only looks at file metadata, and files are opened
//! when the stream reaches them.

mod stream;

use std::path::{Path, PathBuf};

use bytes::{Bytes, BytesMut};
use http::HeaderValue;

use crate::error::{Error, Kind, Result};

pub(crate) use stream::BodyStream;
use stream::Segment;

/// A request body.
#[derive(Clone, Debug, Default)]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// Raw bytes, sent as they are.
    Bytes(Bytes),
    /// Text, encoded with the named encoding (a WHATWG label; `""` is UTF-8).
    Text {
        /// The text.
        text: String,
        /// The encoding label, e.g. `"windows-1251"`; `""` means UTF-8.
        encoding: String,
    },
    /// Form fields, sent as `application/x-www-form-urlencoded`.
    Form(Vec<(String, String)>),
    /// `multipart/form-data` parts; file parts are streamed.
    Multipart(Vec<Part>),
    /// A file, streamed as `application/octet-stream`.
    File(PathBuf),
}

/// One part of a `multipart/form-data` body.
#[derive(Clone, Debug)]
pub struct Part {
    /// The form field name.
    pub name: String,
    /// The file name to announce. Default is `None`: none for bytes, the
    /// file's own name for file parts (as curl does).
    pub filename: Option<String>,
    /// The part's content type. Default is `None`: none for plain fields,
    /// `application/octet-stream` for parts with a file name.
    pub content_type: Option<String>,
    /// Where the part's data comes from.
    pub source: PartSource,
}

/// The data of a multipart part.
#[derive(Clone, Debug)]
pub enum PartSource {
    /// In-memory data.
    Bytes(Bytes),
    /// A file, read when the part is sent.
    File(PathBuf),
}

/// A body ready to send.
pub(crate) struct Prepared {
    /// The `Content-Type` the body implies, if any (callers may override it).
    pub content_type: Option<HeaderValue>,
    /// The exact length in bytes, when known (always, for every [`Body`] kind).
    pub len: Option<u64>,
    /// The bytes.
    pub body: BodyStream,
}

/// Turns `body` into bytes on the wire. Files are checked (and measured)
/// now, and read later as the stream is polled.
///
/// # Errors
///
/// [`Kind::ReadLocalFile`] naming a file that is missing or not a regular
/// file; [`Kind::InvalidArgument`] for an unknown text encoding.
pub(crate) async fn prepare(body: &Body) -> Result<Prepared> {
    match body {
        Body::Empty => Ok(Prepared {
            content_type: None,
            len: Some(0),
            body: BodyStream::empty(),
        }),
        Body::Bytes(bytes) => Ok(Prepared {
            content_type: None,
            len: Some(bytes.len() as u64),
            body: BodyStream::from_bytes(bytes.clone()),
        }),
        Body::Text { text, encoding } => {
            let bytes = encode_text(text, encoding)?;
            let label = if encoding.trim().is_empty() {
                "UTF-8"
            } else {
                encoding.trim()
            };
            let content_type = HeaderValue::try_from(format!("text/plain; charset={label}"))
                .map_err(|_| {
                    Error::with_detail(Kind::InvalidArgument, format!("bad charset {label:?}"))
                })?;
            Ok(Prepared {
                content_type: Some(content_type),
                len: Some(bytes.len() as u64),
                body: BodyStream::from_bytes(bytes),
            })
        }
        Body::Form(pairs) => {
            let text = form_urlencode(pairs);
            Ok(Prepared {
                content_type: Some(HeaderValue::from_static(
                    "application/x-www-form-urlencoded",
                )),
                len: Some(text.len() as u64),
                body: BodyStream::from_bytes(Bytes::from(text)),
            })
        }
        Body::Multipart(parts) => multipart(parts, &new_boundary()).await,
        Body::File(path) => {
            let len = file_len(path).await?;
            Ok(Prepared {
                content_type: Some(HeaderValue::from_static("application/octet-stream")),
                len: Some(len),
                body: BodyStream::new(vec![Segment::File {
                    path: path.clone(),
                    len,
                }]),
            })
        }
    }
}

/// The size of a regular file.
async fn file_len(path: &Path) -> Result<u64> {
    let meta = tokio::fs::metadata(path).await.map_err(|e| {
        Error::with_source(Kind::ReadLocalFile, e).detail(format!("cannot open {}", path.display()))
    })?;
    if !meta.is_file() {
        return Err(Error::with_detail(
            Kind::ReadLocalFile,
            format!("{} is not a regular file", path.display()),
        ));
    }
    Ok(meta.len())
}

/// A boundary no part is likely to contain: 128 random bits in hex after a
/// recognisable prefix (WebKit-style dashes keep it visibly a boundary).
fn new_boundary() -> String {
    format!(
        "----jsrunFormBoundary{}",
        crate::tls::hex(&crate::tls::random_bytes::<16>())
    )
}

/// Builds the multipart body with `boundary`: part heads and small data are
/// joined into byte segments, files stay file segments.
pub(crate) async fn multipart(parts: &[Part], boundary: &str) -> Result<Prepared> {
    let mut segments = Vec::new();
    let mut pending = BytesMut::new();
    let mut total: u64 = 0;
    for part in parts {
        let filename = match (&part.filename, &part.source) {
            (Some(name), _) => Some(name.clone()),
            (None, PartSource::File(path)) => {
                path.file_name().map(|n| n.to_string_lossy().into_owned())
            }
            (None, PartSource::Bytes(_)) => None,
        };
        let content_type = match (&part.content_type, &filename) {
            (Some(ct), _) => Some(ct.as_str()),
            (None, Some(_)) => Some("application/octet-stream"),
            (None, None) => None,
        };
        let mut head = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"",
            escape_disposition(&part.name)
        );
        if let Some(filename) = &filename {
            head.push_str(&format!("; filename=\"{}\"", escape_disposition(filename)));
        }
        head.push_str("\r\n");
        if let Some(ct) = content_type {
            // A content type is a single header line: CR/LF cannot be let through.
            let ct: String = ct.chars().filter(|c| *c != '\r' && *c != '\n').collect();
            head.push_str(&format!("Content-Type: {ct}\r\n"));
        }
        head.push_str("\r\n");
        pending.extend_from_slice(head.as_bytes());
        total += head.len() as u64;
        match &part.source {
            PartSource::Bytes(data) => {
                pending.extend_from_slice(data);
                total += data.len() as u64;
            }
            PartSource::File(path) => {
                let len = file_len(path).await?;
                if !pending.is_empty() {
                    segments.push(Segment::Bytes(pending.split().freeze()));
                }
                segments.push(Segment::File {
                    path: path.clone(),
                    len,
                });
                total += len;
            }
        }
        pending.extend_from_slice(b"\r\n");
        total += 2;
    }
    let tail = format!("--{boundary}--\r\n");
    pending.extend_from_slice(tail.as_bytes());
    total += tail.len() as u64;
    segments.push(Segment::Bytes(pending.freeze()));
    let content_type =
        HeaderValue::try_from(format!("multipart/form-data; boundary={boundary}"))
            .map_err(|_| Error::with_detail(Kind::InvalidArgument, "bad multipart boundary"))?;
    Ok(Prepared {
        content_type: Some(content_type),
        len: Some(total),
        body: BodyStream::new(segments),
    })
}

/// Escapes a name or file name for a quoted Content-Disposition parameter
/// the way browsers do (WHATWG multipart/form-data): `"` → `%22`, CR → `%0D`,
/// LF → `%0A`; everything else, non-ASCII included, is sent as UTF-8.
fn escape_disposition(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("%22"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Encodes `text` in the encoding named by `encoding_label` (WHATWG labels:
/// `utf-8`, `windows-1251`, `iso-8859-1`, `shift_jis`, `utf-16le` …; `""`
/// is UTF-8). Characters the encoding cannot represent become HTML numeric
/// character references (`&#1234;`), as browsers do for forms.
///
/// # Errors
///
/// [`Kind::InvalidArgument`] for an unknown label, or one that names no
/// encoder (the WHATWG "replacement" encoding).
pub fn encode_text(text: &str, encoding_label: &str) -> Result<Bytes> {
    let label = encoding_label.trim();
    if label.is_empty() {
        return Ok(Bytes::copy_from_slice(text.as_bytes()));
    }
    let unknown = || {
        Error::with_detail(
            Kind::InvalidArgument,
            format!("unknown text encoding {encoding_label:?}"),
        )
    };
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(unknown)?;
    // encoding_rs decodes UTF-16 but encodes it as UTF-8 (per WHATWG); a
    // caller naming UTF-16 wants UTF-16, so do it here.
    if encoding == encoding_rs::UTF_16LE {
        return Ok(text
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>()
            .into());
    }
    if encoding == encoding_rs::UTF_16BE {
        return Ok(text
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect::<Vec<u8>>()
            .into());
    }
    if encoding == encoding_rs::REPLACEMENT {
        return Err(unknown());
    }
    let (bytes, _, _) = encoding.encode(text);
    Ok(Bytes::from(bytes.into_owned()))
}

/// `application/x-www-form-urlencoded` serialisation: `k=v` pairs joined by
/// `&`, space as `+`, bytes outside `A-Za-z0-9*-._` as `%XX` (upper-case hex).
pub fn form_urlencode(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        form_component(k, &mut out);
        out.push('=');
        form_component(v, &mut out);
    }
    out
}

fn form_component(s: &str, out: &mut String) {
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            b => push_pct(b, out),
        }
    }
}

/// Percent-encodes everything but the RFC 3986 unreserved characters
/// `A-Za-z0-9-._~` (space is `%20`): what OHOS and Dirigible use to build
/// query strings.
pub fn percent_encode_query_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(b))
            }
            b => push_pct(b, &mut out),
        }
    }
    out
}

fn push_pct(b: u8, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(char::from(HEX[usize::from(b >> 4)]));
    out.push(char::from(HEX[usize::from(b & 0x0f)]));
}

#[cfg(test)]
mod tests;
