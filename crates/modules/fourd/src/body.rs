//! Bodies: the `body` option going out, and `response.body` coming in as the
//! `dataType` option says.

use boa_engine::object::builtins::{JsArrayBuffer, JsDataView, JsTypedArray};
use boa_engine::object::JsObject;
use boa_engine::{Context, JsResult, JsString, JsValue};
use jsrun_net::bytes::Bytes;
use jsrun_runtime::buffer::{self, ResponseBody};

use crate::errors::ErrorEntry;
use crate::shared::Shared;

/// The `dataType` option.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum DataType {
    /// From the MIME type: object for JSON, text for text-like types, else blob.
    #[default]
    Auto,
    Text,
    Blob,
    Object,
}

impl DataType {
    /// The option's value, without allocating for the usual spellings.
    pub(crate) fn from_js(s: &JsString) -> Option<DataType> {
        match s.as_str().variant() {
            boa_engine::string::JsStrVariant::Latin1(b) => {
                std::str::from_utf8(b).ok().and_then(DataType::parse)
            }
            boa_engine::string::JsStrVariant::Utf16(_) => DataType::parse(&s.to_std_string_lossy()),
        }
    }

    pub(crate) fn parse(s: &str) -> Option<DataType> {
        let s = s.trim();
        for (name, d) in [
            ("auto", DataType::Auto),
            ("text", DataType::Text),
            ("blob", DataType::Blob),
            ("object", DataType::Object),
        ] {
            if s.eq_ignore_ascii_case(name) {
                return Some(d);
            }
        }
        None
    }
}

/// What "auto" makes of a content type: the document's rule (object for
/// JSON; text for text, JavaScript, XML, HTTP messages and url-encoded
/// forms; a blob otherwise, a missing type included).
pub(crate) fn auto_kind(content_type: Option<&str>) -> DataType {
    let Some(ct) = content_type else {
        return DataType::Blob;
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let (top, sub) = essence.split_once('/').unwrap_or((essence.as_str(), ""));
    if sub == "json" || sub.ends_with("+json") {
        DataType::Object
    } else if top == "text"
        || sub == "xml"
        || sub.ends_with("+xml")
        || sub == "javascript"
        || sub == "x-javascript"
        || sub == "ecmascript"
        || sub == "x-www-form-urlencoded"
        || essence == "message/http"
    {
        DataType::Text
    } else {
        DataType::Blob
    }
}

/// `response.body` from the received bytes.
///
/// # Errors
/// Only allocation failures of the engine (a parse failure of a JSON body
/// falls back to text).
pub(crate) fn response_value(
    shared: &Shared,
    kind: DataType,
    body: ResponseBody,
    content_type: Option<&str>,
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let kind = match kind {
        DataType::Auto => auto_kind(content_type),
        other => other,
    };
    match kind {
        DataType::Blob | DataType::Auto => Ok(body.into_array_buffer(ctx)?.into()),
        DataType::Text => Ok(text(body.as_slice(), content_type).into()),
        DataType::Object => {
            let text = text(body.as_slice(), content_type);
            match shared
                .json_parse
                .call(&JsValue::undefined(), &[text.clone().into()], ctx)
            {
                Ok(v) => Ok(v),
                Err(_) => Ok(text.into()),
            }
        }
    }
}

/// Bytes as an ArrayBuffer (one copy into the engine's aligned block).
pub(crate) fn array_buffer(bytes: &[u8], ctx: &mut Context) -> JsResult<JsValue> {
    Ok(buffer::array_buffer(bytes, ctx)?.into())
}

/// Text decoded with the response's charset, UTF-8 when it names none.
fn text(bytes: &[u8], content_type: Option<&str>) -> JsString {
    let charset = content_type.and_then(charset_of);
    JsString::from(jsrun_net::decode_text(bytes, charset, "utf-8").as_ref())
}

/// A request body ready to send, and the content type it implies.
pub(crate) struct OutBody {
    pub(crate) bytes: Bytes,
    pub(crate) content_type: String,
}

/// The `body` option: text (encoded with `encoding`, or with the charset of
/// a `Content-Type` header when one is set), bytes (ArrayBuffer, typed
/// array, DataView), or an object sent as JSON. Numbers and booleans are
/// sent as their text. `undefined`, `null` and `""` send no body.
///
/// # Errors
/// The outer error is an exception thrown by `toJSON` or a getter; the inner
/// one a wrong option (a function or symbol body, an unknown encoding).
pub(crate) fn request_body(
    shared: &Shared,
    value: &JsValue,
    encoding: &str,
    header_content_type: Option<&str>,
    ctx: &mut Context,
) -> JsResult<Result<Option<OutBody>, ErrorEntry>> {
    if value.is_null_or_undefined() {
        return Ok(Ok(None));
    }
    if let Some(obj) = value.as_object() {
        if obj.is_callable() {
            return Ok(Err(ErrorEntry::invalid(
                "option body must be a text, a blob or an object, not a function",
            )));
        }
        if let Some(bytes) = binary(&obj, ctx)? {
            return Ok(Ok(Some(OutBody {
                bytes,
                content_type: "application/octet-stream".into(),
            })));
        }
        let json =
            shared
                .json_stringify
                .call(&JsValue::undefined(), std::slice::from_ref(value), ctx)?;
        let Some(json) = json.as_string() else {
            return Ok(Err(ErrorEntry::invalid(
                "option body cannot be sent as JSON",
            )));
        };
        return Ok(Ok(Some(OutBody {
            bytes: Bytes::from(json.to_std_string_lossy()),
            content_type: "application/json; charset=utf-8".into(),
        })));
    }
    if value.is_symbol() {
        return Ok(Err(ErrorEntry::invalid(
            "option body must be a text, a blob or an object, not a symbol",
        )));
    }
    let text = value.to_string(ctx)?.to_std_string_lossy();
    if text.is_empty() {
        return Ok(Ok(None));
    }
    // The encoding option is ignored when the headers set a content type;
    // the charset of that header (if any) is used instead.
    let label = match header_content_type {
        Some(ct) => charset_of(ct).unwrap_or("utf-8").to_owned(),
        None => encoding.trim().to_owned(),
    };
    match jsrun_net::encode_text(&text, &label) {
        Ok(bytes) => Ok(Ok(Some(OutBody {
            bytes,
            content_type: format!("text/plain; charset={label}"),
        }))),
        Err(e) => Ok(Err(ErrorEntry::invalid(format!("option encoding: {e}")))),
    }
}

fn charset_of(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"'))
    })
}

/// The bytes of an ArrayBuffer, a typed array or a DataView.
fn binary(obj: &JsObject, ctx: &mut Context) -> JsResult<Option<Bytes>> {
    if let Ok(buf) = JsArrayBuffer::from_object(obj.clone()) {
        return Ok(Some(
            buf.data()
                .map(|d| Bytes::copy_from_slice(&d))
                .unwrap_or_default(),
        ));
    }
    let (buffer, offset, len) = if let Ok(ta) = JsTypedArray::from_object(obj.clone()) {
        (ta.buffer(ctx)?, ta.byte_offset(ctx)?, ta.byte_length(ctx)?)
    } else if let Ok(view) = JsDataView::from_object(obj.clone()) {
        let len = usize::try_from(view.byte_length(ctx)?).unwrap_or(usize::MAX);
        let offset = usize::try_from(view.byte_offset(ctx)?).unwrap_or(0);
        (view.buffer(ctx)?, offset, len)
    } else {
        return Ok(None);
    };
    let bytes = buffer
        .as_object()
        .and_then(|b| JsArrayBuffer::from_object(b).ok())
        .and_then(|b| {
            b.data().and_then(|d| {
                d.get(offset..offset.saturating_add(len))
                    .map(Bytes::copy_from_slice)
            })
        })
        .unwrap_or_default();
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_rules_follow_the_document() {
        for (ct, want) in [
            (Some("application/json"), DataType::Object),
            (Some("application/json; charset=utf-8"), DataType::Object),
            (Some("application/problem+json"), DataType::Object),
            (Some("text/plain"), DataType::Text),
            (Some("TEXT/HTML; charset=iso-8859-1"), DataType::Text),
            (Some("application/javascript"), DataType::Text),
            (Some("application/x-javascript"), DataType::Text),
            (Some("application/xml"), DataType::Text),
            (Some("image/svg+xml"), DataType::Text),
            (Some("message/http"), DataType::Text),
            (Some("application/x-www-form-urlencoded"), DataType::Text),
            (Some("application/octet-stream"), DataType::Blob),
            (Some("image/png"), DataType::Blob),
            (Some(""), DataType::Blob),
            (None, DataType::Blob),
        ] {
            assert_eq!(auto_kind(ct), want, "{ct:?}");
        }
    }

    #[test]
    fn data_type_names() {
        assert_eq!(DataType::parse("text"), Some(DataType::Text));
        assert_eq!(DataType::parse("BLOB"), Some(DataType::Blob));
        assert_eq!(DataType::parse("object"), Some(DataType::Object));
        assert_eq!(DataType::parse("auto"), Some(DataType::Auto));
        assert_eq!(DataType::parse("json"), None);
    }

    #[test]
    fn charset_parameter() {
        assert_eq!(charset_of("text/plain; charset=\"latin1\""), Some("latin1"));
        assert_eq!(charset_of("text/plain"), None);
    }
}
