//! The natives behind `js-lib/mychat.js`.

use std::time::Duration;

use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsString, JsValue};
use jsrun_runtime::{op, Host};

use crate::{cache, post};

fn arg_string(args: &[JsValue], i: usize, what: &str) -> JsResult<String> {
    args.get(i)
        .and_then(JsValue::as_string)
        .map(|s| s.to_std_string_lossy())
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message(format!("{what} must be a string"))
                .into()
        })
}

fn arg_number(args: &[JsValue], i: usize) -> f64 {
    args.get(i).and_then(JsValue::as_number).unwrap_or(0.0)
}

/// Milliseconds (or seconds × 1000) as a duration; NaN, 0 and less are none.
fn duration_ms(ms: f64) -> Option<Duration> {
    if ms.is_nan() || ms <= 0.0 {
        return None;
    }
    Some(Duration::from_millis(ms.min(1e12).ceil() as u64))
}

/// A version 4 GUID, `{8-4-4-4-12}` in upper case (Delphi's CreateGUIDString).
pub(crate) fn guid() -> String {
    let mut b = [0u8; 16];
    if rustls::crypto::ring::default_provider()
        .secure_random
        .fill(&mut b)
        .is_err()
    {
        // No system randomness: time and a counter still make it unique here.
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        b[..8].copy_from_slice(&(nanos as u64).to_le_bytes());
        b[8..].copy_from_slice(&COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h =
        |r: std::ops::Range<usize>| -> String { b[r].iter().map(|x| format!("{x:02X}")).collect() };
    format!(
        "{{{}-{}-{}-{}-{}}}",
        h(0..4),
        h(4..6),
        h(6..8),
        h(8..10),
        h(10..16)
    )
}

/// `op_mychat_guid() -> "{XXXXXXXX-XXXX-4XXX-YXXX-XXXXXXXXXXXX}"`.
fn op_mychat_guid(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(JsString::from(guid().as_str()).into())
}

/// `op_mychat_post(key, url, body, headers, timeoutMs)`: starts the POST;
/// its outcome is written to the cache under `key` when it ends.
fn op_mychat_post(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let key = arg_string(args, 0, "key")?;
    let url = arg_string(args, 1, "AURL")?;
    let body = arg_string(args, 2, "ABody")?;
    let headers = arg_string(args, 3, "AHeaders")?;
    let timeout = duration_ms(arg_number(args, 4)).unwrap_or(post::DEFAULT_TIMEOUT);
    let host = Host::get(ctx)?;
    let net = host.net().cloned();
    let req = post::request(&url, &body, &headers, timeout);
    host.spawn(post::run(net, key, url, req));
    Ok(JsValue::undefined())
}

fn op_mychat_cache_exists(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(cache::exists(&arg_string(args, 0, "AKey")?).into())
}

/// `op_mychat_cache_get(key) -> string | undefined`.
fn op_mychat_cache_get(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let Some(value) = cache::get(&arg_string(args, 0, "AKey")?) else {
        return Ok(JsValue::undefined());
    };
    Host::get(ctx)?.note_external_bytes(value.len());
    Ok(JsString::from(value.as_str()).into())
}

/// `op_mychat_cache_set(key, value, ttlSeconds) -> boolean`.
fn op_mychat_cache_set(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let key = arg_string(args, 0, "AKey")?;
    let value = arg_string(args, 1, "AValue")?;
    let ttl = duration_ms(arg_number(args, 2) * 1000.0);
    Ok(cache::set(&key, value, ttl).into())
}

fn op_mychat_cache_delete(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(cache::delete(&arg_string(args, 0, "AKey")?).into())
}

/// `op_mychat_sleep(ms)`: blocks the script; requests keep running.
fn op_mychat_sleep(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    if let Some(d) = duration_ms(arg_number(args, 0)) {
        let host = Host::get(ctx)?;
        // Created inside block_on: a tokio timer needs the runtime's context.
        host.block_on(async move { tokio::time::sleep(d).await });
    }
    Ok(JsValue::undefined())
}

/// `op_mychat_log(line)`: one line on the console's stdout.
fn op_mychat_log(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let line = arg_string(args, 0, "line")?;
    Host::get(ctx)?.print_line(&line);
    Ok(JsValue::undefined())
}

/// `op_mychat_script_name() -> string`: the main script's file stem.
fn op_mychat_script_name(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let info = Host::get(ctx)?.script_info();
    let name = info
        .main
        .as_deref()
        .and_then(std::path::Path::file_stem)
        .map_or_else(|| "script".to_owned(), |s| s.to_string_lossy().into_owned());
    Ok(JsString::from(name.as_str()).into())
}

/// The ops object of the facade.
pub(crate) fn ops(ctx: &mut Context) -> JsObject {
    type Op = boa_engine::native_function::NativeFunctionPointer;
    let list: [(&str, Op, usize); 9] = [
        ("op_mychat_guid", op_mychat_guid, 0),
        ("op_mychat_post", op_mychat_post, 5),
        ("op_mychat_cache_exists", op_mychat_cache_exists, 1),
        ("op_mychat_cache_get", op_mychat_cache_get, 1),
        ("op_mychat_cache_set", op_mychat_cache_set, 3),
        ("op_mychat_cache_delete", op_mychat_cache_delete, 1),
        ("op_mychat_sleep", op_mychat_sleep, 1),
        ("op_mychat_log", op_mychat_log, 1),
        ("op_mychat_script_name", op_mychat_script_name, 0),
    ];
    let o = JsObject::with_object_proto(ctx.intrinsics());
    for (name, f, len) in list {
        let func = op(ctx, f, name, len);
        o.insert_property(
            JsString::from(name),
            boa_engine::property::PropertyDescriptor::builder()
                .value(func)
                .writable(false)
                .enumerable(true)
                .configurable(false)
                .build(),
        );
    }
    o
}
