//! The one place where failures become OpenHarmony errors.
//!
//! Failures are `BusinessError`-shaped plain objects `{code, message}` (what
//! netstack's `CreateErrorMessage` builds) handed to the callback or the
//! promise — argument errors of `request`/`requestInStream` too (401
//! "Parameter error"), as netstack's `InterfaceWithOutAsyncWork…` templates
//! and the conformance suites have them.

use boa_engine::property::PropertyDescriptor;
use boa_engine::{js_string, Context, JsObject, JsString, JsValue};
use jsrun_net::Kind;

/// The code of arguments netstack cannot parse (`PARSE_ERROR_CODE`).
pub(crate) const PARAM: u32 = 401;

/// Base of the transfer error codes: `2300000 + curl code`.
const BASE: u32 = 2_300_000;
/// `Failed to write the received data to the disk or application`: what
/// `destroy()` during a transfer and an exceeded `maxLimit` give (netstack's
/// write callback refuses the data, curl reports code 23).
pub(crate) const WRITE_ERROR: u32 = BASE + 23;
/// `Unknown error`: a request on a destroyed `HttpRequest`, and every
/// failure the document has no code for.
pub(crate) const UNKNOWN: u32 = BASE + 999;

/// The OHOS code of an engine failure.
pub(crate) fn code_of(err: &jsrun_net::Error) -> u32 {
    code_of_kind(err.kind())
}

/// The OHOS code of an engine failure kind: `2300000 +` its curl code, with
/// netstack's exceptions.
pub(crate) fn code_of_kind(kind: Kind) -> u32 {
    match kind {
        // Only `maxLimit` sets the engine's body limit; netstack enforces it
        // by refusing data in the write callback, which curl reports as 23.
        Kind::TooLarge => WRITE_ERROR,
        other => {
            let code = BASE + other.curl_code();
            if message_of(code).is_some() {
                code
            } else {
                UNKNOWN
            }
        }
    }
}

/// The document's message for `code` (without its trailing period, as the
/// implementation sends it), or `None` for codes the document does not list.
pub(crate) fn message_of(code: u32) -> Option<&'static str> {
    if code == PARAM {
        return Some("Parameter error");
    }
    let text = match code.checked_sub(BASE)? {
        1 => "Unsupported protocol",
        3 => "Invalid URL format or missing URL",
        5 => "Failed to resolve the proxy name",
        6 => "Failed to resolve the host name",
        7 => "Failed to connect to the server",
        8 => "Invalid server response",
        9 => "Access to the remote resource denied",
        16 => "Error in the HTTP2 framing layer",
        18 => "Transferred a partial file",
        23 => "Failed to write the received data to the disk or application",
        25 => "Upload failed",
        26 => "Failed to open or read local data from the file or application",
        27 => "Out of memory",
        28 => "Operation timeout",
        47 => "The number of redirections reaches the maximum allowed",
        52 => "The server returned nothing (no header or data)",
        55 => "Failed to send data to the peer",
        56 => "Failed to receive data from the peer",
        58 => "Local SSL certificate error",
        59 => "The specified SSL cipher cannot be used",
        60 => "Invalid SSL peer certificate or SSH remote key",
        61 => "Invalid HTTP encoding format",
        63 => "Maximum file size exceeded",
        70 => "Remote disk full",
        73 => "Remote file already exists",
        77 => "The SSL CA certificate does not exist or is inaccessible",
        78 => "Remote file not found",
        94 => "Authentication error",
        998 => "It is not allowed to access this domain",
        999 => "Unknown error",
        _ => return None,
    };
    Some(text)
}

/// A failure on its way to JS: the OHOS code and, for diagnostics, what
/// the engine said.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) code: u32,
    pub(crate) detail: Option<String>,
}

impl Failure {
    /// A failure with a fixed code and no engine detail.
    pub(crate) fn code(code: u32) -> Self {
        Failure { code, detail: None }
    }

    /// The failure of an engine error.
    pub(crate) fn from_net(err: &jsrun_net::Error) -> Self {
        Failure {
            code: code_of(err),
            detail: Some(err.to_string()),
        }
    }

    /// The `BusinessError` object: `{code, message}`, plus a non-enumerable
    /// `detail` with the engine's own description (not part of the
    /// document's shape, so `JSON.stringify` leaves it out).
    pub(crate) fn to_js(&self, ctx: &mut Context) -> JsValue {
        let obj = JsObject::with_object_proto(ctx.intrinsics());
        let message = message_of(self.code).unwrap_or("Unknown error");
        obj.insert_property(
            js_string!("code"),
            PropertyDescriptor::builder()
                .value(self.code)
                .writable(true)
                .enumerable(true)
                .configurable(true),
        );
        obj.insert_property(
            js_string!("message"),
            PropertyDescriptor::builder()
                .value(JsString::from(message))
                .writable(true)
                .enumerable(true)
                .configurable(true),
        );
        if let Some(detail) = &self.detail {
            obj.insert_property(
                js_string!("detail"),
                PropertyDescriptor::builder()
                    .value(JsString::from(detail.as_str()))
                    .writable(true)
                    .enumerable(false)
                    .configurable(true),
            );
        }
        obj.into()
    }
}

impl Failure {
    /// The 401 "Parameter error" failure, with why in its detail.
    pub(crate) fn param(why: impl Into<String>) -> Self {
        Failure {
            code: PARAM,
            detail: Some(why.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_maps_to_a_documented_code() {
        let kinds = [
            (Kind::UnsupportedProtocol, 2_300_001),
            (Kind::BadUrl, 2_300_003),
            (Kind::ProxyResolve, 2_300_005),
            (Kind::HostResolve, 2_300_006),
            (Kind::Connect, 2_300_007),
            (Kind::WeirdReply, 2_300_008),
            (Kind::Http2, 2_300_016),
            (Kind::PartialBody, 2_300_018),
            (Kind::Aborted, 2_300_023),
            (Kind::Upload, 2_300_025),
            (Kind::ReadLocalFile, 2_300_026),
            (Kind::OutOfMemory, 2_300_027),
            (Kind::Timeout, 2_300_028),
            (Kind::TooManyRedirects, 2_300_047),
            (Kind::EmptyReply, 2_300_052),
            (Kind::Send, 2_300_055),
            (Kind::Recv, 2_300_056),
            (Kind::LocalCert, 2_300_058),
            (Kind::Cipher, 2_300_059),
            (Kind::PeerCert, 2_300_060),
            (Kind::BadContentEncoding, 2_300_061),
            (Kind::TooLarge, 2_300_023),
            (Kind::CaFile, 2_300_077),
            (Kind::Auth, 2_300_094),
            (Kind::NotAllowed, 2_300_998),
            (Kind::InvalidArgument, 2_300_999),
            (Kind::Unknown, 2_300_999),
        ];
        for (kind, code) in kinds {
            assert_eq!(code_of_kind(kind), code, "{kind:?}");
            assert!(message_of(code).is_some(), "{code}");
        }
    }

    #[test]
    fn messages_are_the_documents() {
        assert_eq!(
            message_of(2_300_006),
            Some("Failed to resolve the host name")
        );
        assert_eq!(
            message_of(2_300_998),
            Some("It is not allowed to access this domain")
        );
        assert_eq!(message_of(2_300_999), Some("Unknown error"));
        assert_eq!(message_of(2_300_033), None);
        assert_eq!(message_of(401), Some("Parameter error"));
        assert_eq!(message_of(402), None);
    }
}
