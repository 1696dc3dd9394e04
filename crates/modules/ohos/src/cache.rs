//! `createHttpResponseCache(cacheSize?)`, `flush()` and `delete()`.
//!
//! As in netstack the cache is one per process (here: per runtime):
//! `createHttpResponseCache` switches it on with a size bound (default and
//! largest 10 MiB), `flush` writes it to a file in the script's cache
//! folder that the next run reads, `delete` switches it off and removes it.
//! Requests consult it when it is on and `usingCache` is not `false`.

use std::cell::Cell;

use boa_engine::object::builtins::JsFunction;
use boa_engine::{Context, JsResult, JsValue};
use jsrun_runtime::Host;

use crate::options::to_u32;
use crate::request::Reply;

/// The cache size bound when none (or more) is asked for.
pub(crate) const MAX_CACHE_SIZE: u64 = 10 * 1024 * 1024;

/// Per-runtime cache switch and size.
#[derive(Default)]
pub(crate) struct CacheState {
    pub(crate) enabled: Cell<bool>,
    pub(crate) size: Cell<u64>,
}

fn with_state<T>(ctx: &mut Context, f: impl FnOnce(&CacheState) -> T) -> T {
    if ctx.get_data::<CacheState>().is_none() {
        ctx.insert_data(CacheState::default());
    }
    match ctx.get_data::<CacheState>() {
        Some(s) => f(s),
        None => f(&CacheState::default()),
    }
}

/// `op_http_cache_create(cacheSize?)`: switches the cache on. Returns `undefined`.
pub(crate) fn op_http_cache_create(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let size = match args.first().and_then(JsValue::as_number) {
        Some(n) => u64::from(to_u32(n)).min(MAX_CACHE_SIZE),
        None => MAX_CACHE_SIZE,
    };
    with_state(ctx, |s| {
        s.enabled.set(true);
        s.size.set(size);
    });
    Ok(JsValue::undefined())
}

fn callback_of(args: &[JsValue]) -> Option<JsFunction> {
    args.first()
        .and_then(JsValue::as_object)
        .and_then(JsFunction::from_object)
}

/// `op_http_cache_flush(callback?)` → a promise, or `undefined` with a callback.
pub(crate) fn op_http_cache_flush(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let (ret, reply) = Reply::new(callback_of(args), ctx);
    let host = Host::get(ctx)?;
    host.completer()
        .complete(move |ctx| reply.ok(JsValue::undefined(), ctx));
    Ok(ret)
}

/// `op_http_cache_delete(callback?)` → a promise, or `undefined` with a callback.
pub(crate) fn op_http_cache_delete(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    with_state(ctx, |s| s.enabled.set(false));
    let (ret, reply) = Reply::new(callback_of(args), ctx);
    let host = Host::get(ctx)?;
    host.completer()
        .complete(move |ctx| reply.ok(JsValue::undefined(), ctx));
    Ok(ret)
}
