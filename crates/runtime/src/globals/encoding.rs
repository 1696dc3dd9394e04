//! `TextEncoder` and `TextDecoder` (WHATWG Encoding), on encoding_rs.
//!
//! boa_runtime's classes know UTF-8 and UTF-16 only and ignore `fatal` and
//! `{stream: true}`: a multi-byte character split across two chunks of a
//! streamed body (ohos `dataReceive`, 4D `onData`) came out as U+FFFD twice.
//! These decode every WHATWG encoding (`latin1`, `shift_jis`, `gbk` …),
//! keep a stream's partial character for the next call, throw a `TypeError`
//! on malformed input with `fatal: true`, and add `encodeInto`.

use std::cell::RefCell;

use boa_engine::class::{Class, ClassBuilder};
use boa_engine::object::builtins::{JsArrayBuffer, JsDataView, JsTypedArray, JsUint8Array};
use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{
    js_string, Context, Finalize, JsData, JsNativeError, JsResult, JsString, JsValue,
    NativeFunction, Trace,
};
use encoding_rs::{CoderResult, DecoderResult, Encoding};

pub(super) fn register(ctx: &mut Context) -> JsResult<()> {
    ctx.register_global_class::<TextDecoder>()?;
    ctx.register_global_class::<TextEncoder>()
}

fn getter(class: &mut ClassBuilder<'_>, name: JsString, f: NativeFunction) {
    let function = f.to_js_function(class.context().realm());
    class.accessor(
        name,
        Some(function),
        None,
        Attribute::CONFIGURABLE | Attribute::ENUMERABLE,
    );
}

/// `new TextDecoder(label = "utf-8", {fatal, ignoreBOM})`.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct TextDecoder {
    #[unsafe_ignore_trace]
    encoding: &'static Encoding,
    fatal: bool,
    ignore_bom: bool,
    /// The decoder of a stream in progress (`{stream: true}` calls).
    #[unsafe_ignore_trace]
    pending: RefCell<Option<encoding_rs::Decoder>>,
}

fn bool_option(options: &JsValue, name: JsString, ctx: &mut Context) -> JsResult<bool> {
    match options.as_object() {
        Some(o) => Ok(o.get(name, ctx)?.to_boolean()),
        None => Ok(false),
    }
}

/// The options argument: an object, `undefined` or `null` (WebIDL dictionary).
fn check_options(options: &JsValue, what: &str) -> JsResult<()> {
    if options.is_null_or_undefined() || options.is_object() {
        return Ok(());
    }
    Err(JsNativeError::typ()
        .with_message(format!("{what} options must be an object"))
        .into())
}

impl Class for TextDecoder {
    const NAME: &'static str = "TextDecoder";
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<Self> {
        let label = match args.first().filter(|v| !v.is_undefined()) {
            Some(v) => v.to_string(ctx)?.to_std_string_lossy(),
            None => "utf-8".to_owned(),
        };
        let encoding = Encoding::for_label_no_replacement(label.as_bytes()).ok_or_else(|| {
            JsNativeError::range()
                .with_message(format!("the encoding label {label:?} is not supported"))
        })?;
        let options = args.get(1).cloned().unwrap_or_default();
        check_options(&options, "TextDecoder")?;
        Ok(TextDecoder {
            encoding,
            fatal: bool_option(&options, js_string!("fatal"), ctx)?,
            ignore_bom: bool_option(&options, js_string!("ignoreBOM"), ctx)?,
            pending: RefCell::new(None),
        })
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        getter(
            class,
            js_string!("encoding"),
            NativeFunction::from_fn_ptr(|this, _, _| {
                let name = with_decoder(this, |d| d.encoding.name().to_ascii_lowercase())?;
                Ok(JsString::from(name.as_str()).into())
            }),
        );
        getter(
            class,
            js_string!("fatal"),
            NativeFunction::from_fn_ptr(|this, _, _| Ok(with_decoder(this, |d| d.fatal)?.into())),
        );
        getter(
            class,
            js_string!("ignoreBOM"),
            NativeFunction::from_fn_ptr(|this, _, _| {
                Ok(with_decoder(this, |d| d.ignore_bom)?.into())
            }),
        );
        class.method(js_string!("decode"), 0, NativeFunction::from_fn_ptr(decode));
        Ok(())
    }
}

/// Runs `f` on the decoder behind `this`.
fn with_decoder<R>(this: &JsValue, f: impl FnOnce(&TextDecoder) -> R) -> JsResult<R> {
    let obj = this.as_object();
    let decoder = obj.as_ref().and_then(|o| o.downcast_ref::<TextDecoder>());
    match decoder {
        Some(d) => Ok(f(&d)),
        None => Err(JsNativeError::typ()
            .with_message("not a TextDecoder")
            .into()),
    }
}

/// The bytes of a `BufferSource` (ArrayBuffer, typed array, DataView).
fn source_bytes(v: &JsValue, ctx: &mut Context) -> JsResult<Vec<u8>> {
    let not_a_buffer = || {
        JsNativeError::typ()
            .with_message("TextDecoder.decode takes an ArrayBuffer, a typed array or a DataView")
    };
    let Some(obj) = v.as_object() else {
        return Err(not_a_buffer().into());
    };
    let (buffer, range) = if let Ok(buf) = JsArrayBuffer::from_object(obj.clone()) {
        (buf, None)
    } else if let Ok(view) = JsTypedArray::from_object(obj.clone()) {
        let offset = view.byte_offset(ctx)?;
        let len = view.byte_length(ctx)?;
        (buffer_of(&view.buffer(ctx)?)?, Some(offset..offset + len))
    } else if let Ok(view) = JsDataView::from_object(obj.clone()) {
        let offset = usize::try_from(view.byte_offset(ctx)?).unwrap_or(usize::MAX);
        let len = usize::try_from(view.byte_length(ctx)?).unwrap_or(usize::MAX);
        (
            buffer_of(&view.buffer(ctx)?)?,
            Some(offset..offset.saturating_add(len)),
        )
    } else {
        return Err(not_a_buffer().into());
    };
    // A detached buffer reads as no bytes, as in browsers.
    let Some(data) = buffer.data() else {
        return Ok(Vec::new());
    };
    let bytes = match range {
        Some(r) => data.get(r).unwrap_or_default(),
        None => &data[..],
    };
    Ok(bytes.to_vec())
}

fn buffer_of(v: &JsValue) -> JsResult<JsArrayBuffer> {
    let obj = v
        .as_object()
        .ok_or_else(|| JsNativeError::typ().with_message("a view without a buffer"))?;
    JsArrayBuffer::from_object(obj.clone())
}

/// `decode(input?, {stream})`.
fn decode(this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let input = args.first().cloned().unwrap_or_default();
    let options = args.get(1).cloned().unwrap_or_default();
    check_options(&options, "TextDecoder.decode")?;
    let stream = bool_option(&options, js_string!("stream"), ctx)?;
    let bytes = if input.is_undefined() {
        Vec::new()
    } else {
        source_bytes(&input, ctx)?
    };
    with_decoder(this, |me| run_decoder(me, &bytes, stream))?
}

/// `utf8Decode(bytes)` for the runtime's own JS (`js-lib/internal/url.js`),
/// which cannot count on the global `TextDecoder` (a script may delete it):
/// WHATWG "UTF-8 decode without BOM" of a `BufferSource`, each invalid
/// sequence as U+FFFD.
pub(super) fn utf8_decode(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let bytes = source_bytes(&args.first().cloned().unwrap_or_default(), ctx)?;
    let decoder = TextDecoder {
        encoding: encoding_rs::UTF_8,
        fatal: false,
        ignore_bom: true,
        pending: RefCell::new(None),
    };
    run_decoder(&decoder, &bytes, false)
}

/// Decodes `bytes` with the stream's decoder (or a fresh one); keeps it for
/// the next call when `stream`.
fn run_decoder(me: &TextDecoder, bytes: &[u8], stream: bool) -> JsResult<JsValue> {
    let mut pending = me.pending.borrow_mut();
    let mut decoder = pending.take().unwrap_or_else(|| {
        if me.ignore_bom {
            me.encoding.new_decoder_without_bom_handling()
        } else {
            me.encoding.new_decoder_with_bom_removal()
        }
    });
    let last = !stream;
    let capacity = decoder
        .max_utf16_buffer_length(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(2).saturating_add(4));
    let mut out = vec![0u16; capacity];
    let written = if me.fatal {
        let (result, _, written) =
            decoder.decode_to_utf16_without_replacement(bytes, &mut out, last);
        match result {
            DecoderResult::InputEmpty => written,
            // The buffer was sized for the worst case; a malformed sequence
            // ends the stream (the next call starts afresh).
            DecoderResult::OutputFull | DecoderResult::Malformed(..) => {
                return Err(JsNativeError::typ()
                    .with_message(format!("the data is not valid {}", me.encoding.name()))
                    .into())
            }
        }
    } else {
        let (result, _, written, _) = decoder.decode_to_utf16(bytes, &mut out, last);
        if result == CoderResult::OutputFull {
            return Err(JsNativeError::range()
                .with_message("TextDecoder: the output did not fit its buffer")
                .into());
        }
        written
    };
    if stream {
        *pending = Some(decoder);
    }
    Ok(JsString::from(&out[..written]).into())
}

/// `new TextEncoder()`: UTF-8 only, as the standard says.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct TextEncoder;

impl Class for TextEncoder {
    const NAME: &'static str = "TextEncoder";
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Ok(TextEncoder)
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        getter(
            class,
            js_string!("encoding"),
            NativeFunction::from_fn_ptr(|_, _, _| Ok(js_string!("utf-8").into())),
        );
        class.method(js_string!("encode"), 0, NativeFunction::from_fn_ptr(encode));
        class.method(
            js_string!("encodeInto"),
            2,
            NativeFunction::from_fn_ptr(encode_into),
        );
        Ok(())
    }
}

/// The UTF-8 of a JS string; a lone surrogate becomes U+FFFD.
fn utf8_of(v: &JsValue, ctx: &mut Context) -> JsResult<String> {
    if v.is_undefined() {
        return Ok(String::new());
    }
    Ok(v.to_string(ctx)?.to_std_string_lossy())
}

fn encode(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let text = utf8_of(&args.first().cloned().unwrap_or_default(), ctx)?;
    Ok(JsUint8Array::from_iter(text.into_bytes(), ctx)?.into())
}

/// `encodeInto(source, destination)`: writes the UTF-8 of as many whole
/// characters as fit; `{read}` counts UTF-16 code units, `{written}` bytes.
fn encode_into(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let text = utf8_of(&args.first().cloned().unwrap_or_default(), ctx)?;
    let dest = args
        .get(1)
        .and_then(JsValue::as_object)
        .and_then(|o| JsUint8Array::from_object(o.clone()).ok())
        .ok_or_else(|| {
            JsNativeError::typ().with_message("TextEncoder.encodeInto writes into a Uint8Array")
        })?;
    let offset = dest.byte_offset(ctx)?;
    let room = dest.byte_length(ctx)?;
    let buffer = buffer_of(&dest.buffer(ctx)?)?;
    let (mut read, mut written) = (0usize, 0usize);
    if let Some(mut data) = buffer.data_mut() {
        let window = data.get_mut(offset..offset + room).unwrap_or_default();
        for c in text.chars() {
            let n = c.len_utf8();
            if written + n > window.len() {
                break;
            }
            c.encode_utf8(&mut window[written..written + n]);
            written += n;
            read += c.len_utf16();
        }
    }
    let result = ObjectInitializer::new(ctx)
        .property(js_string!("read"), read, Attribute::all())
        .property(js_string!("written"), written, Attribute::all())
        .build();
    Ok(result.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_resolve_as_whatwg_says() {
        for (label, name) in [
            ("utf8", "UTF-8"),
            (" Latin1 ", "windows-1252"),
            ("shift_jis", "Shift_JIS"),
        ] {
            let enc = Encoding::for_label_no_replacement(label.as_bytes()).map(Encoding::name);
            assert_eq!(enc, Some(name), "{label}");
        }
        assert!(Encoding::for_label_no_replacement(b"iso-2022-kr").is_none());
        assert_eq!(encoding_rs::UTF_8.name(), "UTF-8");
    }
}
