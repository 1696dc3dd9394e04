//! `createHttpResponseCache(cacheSize?)`, `flush()` and `delete()`, over
//! the engine's [`HttpCache`].
//!
//! As in netstack the cache is one per process (here: per runtime) and off
//! until `createHttpResponseCache` switches it on, with a size bound (default
//! and largest 10 MiB). Requests then consult it unless `usingCache` is
//! `false`. `flush` writes it to `http-response-cache` in the script's cache
//! folder ([`crate::files`]); the next run's `createHttpResponseCache` reads
//! that file. `delete` switches the cache off and removes the file.

use std::cell::RefCell;

use boa_engine::object::builtins::JsFunction;
use boa_engine::{Context, JsResult, JsValue};
use jsrun_net::{HttpCache, MAX_CACHE_BYTES};
use jsrun_runtime::Host;

use crate::error::{self, Failure};
use crate::files;
use crate::options::to_u32;
use crate::request::Reply;

/// The cache file's name in the script's cache folder.
const FILE_NAME: &str = "http-response-cache";

/// The runtime's cache, when one was created and not deleted.
#[derive(Default)]
struct CacheSlot(RefCell<Option<HttpCache>>);

/// The cache requests should use, if it is on.
pub(crate) fn active(ctx: &Context) -> Option<HttpCache> {
    let slot = ctx.get_data::<CacheSlot>()?;
    let cache = slot.0.borrow();
    cache.as_ref().filter(|c| c.is_enabled()).cloned()
}

/// `op_http_cache_create(cacheSize?)`: switches the cache on. A cache that
/// is already on stays as it is (its entries and bound); after `delete` a new
/// one starts from the file. Returns `undefined`.
pub(crate) fn op_http_cache_create(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    if active(ctx).is_some() {
        return Ok(JsValue::undefined());
    }
    let size = match args.first().and_then(JsValue::as_number) {
        Some(n) => u64::from(to_u32(n)).min(MAX_CACHE_BYTES),
        None => MAX_CACHE_BYTES,
    };
    let file = files::app_dirs(ctx).cache.join(FILE_NAME);
    let cache = HttpCache::new(size, Some(file));
    if ctx.get_data::<CacheSlot>().is_none() {
        ctx.insert_data(CacheSlot::default());
    }
    if let Some(slot) = ctx.get_data::<CacheSlot>() {
        *slot.0.borrow_mut() = Some(cache);
    }
    Ok(JsValue::undefined())
}

fn callback_of(args: &[JsValue]) -> Option<JsFunction> {
    args.first()
        .and_then(JsValue::as_object)
        .and_then(JsFunction::from_object)
}

/// Answers on the next loop turn, as netstack's async work does.
fn answer(ctx: &mut Context, args: &[JsValue], result: Result<(), String>) -> JsResult<JsValue> {
    let (ret, reply) = Reply::new(callback_of(args), ctx);
    let host = Host::get(ctx)?;
    match result {
        Ok(()) => host
            .completer()
            .complete(move |ctx| reply.ok(JsValue::undefined(), ctx)),
        Err(detail) => reply.fail_later(
            Failure {
                code: error::UNKNOWN,
                detail: Some(detail),
            },
            &host,
        ),
    }
    Ok(ret)
}

/// `op_http_cache_flush(callback?)` → a promise, or `undefined` with a
/// callback. Without a cache there is nothing to write: success.
pub(crate) fn op_http_cache_flush(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let result = match active(ctx) {
        // A few MiB at most: written at once, on the JS thread.
        Some(cache) => cache.flush().map_err(|e| e.to_string()),
        None => Ok(()),
    };
    answer(ctx, args, result)
}

/// `op_http_cache_delete(callback?)` → a promise, or `undefined` with a
/// callback: the cache is switched off, emptied, and its file removed.
pub(crate) fn op_http_cache_delete(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let taken = ctx
        .get_data::<CacheSlot>()
        .and_then(|s| s.0.borrow_mut().take());
    let result = match taken {
        Some(cache) => cache.delete().map_err(|e| e.to_string()),
        // Never created in this run: remove a file an earlier run flushed.
        None => {
            let file = files::app_dirs(ctx).cache.join(FILE_NAME);
            match std::fs::remove_file(&file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(format!("could not remove {}: {e}", file.display()))
                }
                _ => Ok(()),
            }
        }
    };
    answer(ctx, args, result)
}
