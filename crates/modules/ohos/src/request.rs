//! `createHttp()` and the `HttpRequest` natives: `request`,
//! `requestInStream`, `destroy`, and the events they fire.
//!
//! One native call per request: `request(url, options?, callback?)` is the
//! native function itself (the facade puts it on `HttpRequest.prototype`).
//! It parses the options, spawns the transfer and returns the promise (or
//! `undefined` with a callback). The transfer's events come back to the JS
//! thread as completions that call the facade's `emit` — only for the event
//! types that have listeners at the time (the facade keeps a bit mask of
//! them here). `destroy()` aborts the transfers; the dropped transfer
//! answers its caller with 2300023.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::{Duration, Instant};

use boa_engine::builtins::promise::ResolvingFunctions;
use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::property::PropertyDescriptor;
use boa_engine::{
    js_string, Context, Finalize, JsData, JsNativeError, JsObject, JsResult, JsString, JsValue,
    Trace,
};
use jsrun_net::bytes::Bytes;
use jsrun_net::http::header::SET_COOKIE;
use jsrun_net::{Event, HttpCache, Interest, Response};
use jsrun_runtime::buffer::{self, AlignedBody, ResponseBody};
use jsrun_runtime::{Completer, Host, TaskHandle};

use crate::cache;
use crate::cookies::CookieHop;
use crate::error::{self, Failure};
use crate::options::{self, DataType, Parsed};
use crate::response::{self, HeaderList, Parts, TimingMs};
use crate::state::ModuleState;

/// Bits of the listener mask (the facade's `FLAGS` table matches).
pub(crate) mod flags {
    pub(crate) const HEADERS: u8 = 1;
    pub(crate) const HEADER_OLD: u8 = 2;
    pub(crate) const DATA: u8 = 4;
    pub(crate) const END: u8 = 8;
    pub(crate) const RECV: u8 = 16;
    pub(crate) const SEND: u8 = 32;
}

/// What a request task shares with its `HttpRequest` object.
#[derive(Default)]
pub(crate) struct Shared {
    /// Which event types have listeners ([`flags`]).
    flags: Cell<u8>,
    destroyed: Cell<bool>,
    tasks: RefCell<Vec<TaskHandle>>,
}

/// The native part of an `HttpRequest` object.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct HttpRequestData {
    #[unsafe_ignore_trace]
    shared: Rc<Shared>,
}

impl Shared {
    /// Drops the handles of finished transfers. Called when a result is
    /// delivered (its task has ended by then): a handle keeps the task's
    /// allocation, and an `HttpRequest` used once and dropped would keep it
    /// until Boa collects the object.
    fn release_finished(&self) {
        self.tasks.borrow_mut().retain(|t| !t.is_finished());
    }
}

fn shared_of(this: &JsValue) -> Option<(JsObject, Rc<Shared>)> {
    let obj = this.as_object()?;
    let shared = obj.downcast_ref::<HttpRequestData>()?.shared.clone();
    Some((obj, shared))
}

/// `op_http_create()` → a new `HttpRequest` (`createHttp()`).
pub(crate) fn op_http_create(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let state = ModuleState::get(ctx)?;
    let obj = JsObject::new(
        ctx.root_shape(),
        state.request_proto.clone(),
        HttpRequestData {
            shared: Rc::default(),
        },
    );
    Ok(obj.upcast().into())
}

/// `HttpRequest.prototype.request(url, options?, callback?)` → a promise of
/// the `HttpResponse`, or `undefined` when a callback is given.
pub(crate) fn op_http_request(
    this: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    request(this, args, ctx, false)
}

/// `HttpRequest.prototype.requestInStream(url, options?, callback?)` → a
/// promise of the response code, or `undefined` when a callback is given.
pub(crate) fn op_http_request_in_stream(
    this: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    request(this, args, ctx, true)
}

/// `op_http_listen(request, mask)`: which event types have listeners.
pub(crate) fn op_http_listen(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let mask = args.get(1).and_then(JsValue::as_number).unwrap_or(0.0);
    if let Some((_, shared)) = args.first().and_then(shared_of) {
        shared.flags.set(options::to_u32(mask) as u8);
    }
    Ok(JsValue::undefined())
}

/// How long a destroyed transfer may still end by itself. netstack's
/// `destroy()` does not stop curl: the transfer fails with 2300023 when it
/// next hands data over, or with its own error (a timeout, a refused
/// connection) if that comes first. Here a destroyed transfer that ends
/// within this time reports its own error (or 2300023 if it succeeded); one
/// still running after it is aborted with 2300023.
const DESTROY_GRACE: Duration = Duration::from_millis(50);

/// `HttpRequest.prototype.destroy()`: ends the transfers in flight (their
/// callers get 2300023, see [`DESTROY_GRACE`]); later requests fail with
/// 2300999; no event fires any more. Idempotent.
pub(crate) fn op_http_destroy(
    this: &JsValue,
    _: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    if let Some((_, shared)) = shared_of(this) {
        shared.destroyed.set(true);
        let tasks = std::mem::take(&mut *shared.tasks.borrow_mut());
        if tasks.iter().any(|t| !t.is_finished()) {
            let host = Host::get(ctx)?;
            host.spawn(async move {
                tokio::time::sleep(DESTROY_GRACE).await;
                for t in tasks {
                    t.abort();
                }
            });
        }
    }
    Ok(JsValue::undefined())
}

/// Where the result goes: the callback `(err, data)` or the promise.
pub(crate) enum Reply {
    Callback(JsFunction),
    Promise(ResolvingFunctions),
}

impl Reply {
    /// The reply for `callback`, and what the call returns (the promise, or
    /// `undefined`).
    pub(crate) fn new(callback: Option<JsFunction>, ctx: &mut Context) -> (JsValue, Reply) {
        match callback {
            Some(f) => (JsValue::undefined(), Reply::Callback(f)),
            None => {
                let (promise, resolvers) = JsPromise::new_pending(ctx);
                (promise.into(), Reply::Promise(resolvers))
            }
        }
    }

    /// Success: `callback(undefined, value)` or resolve.
    pub(crate) fn ok(self, value: JsValue, ctx: &mut Context) -> JsResult<()> {
        match self {
            Reply::Callback(f) => f
                .call(&JsValue::undefined(), &[JsValue::undefined(), value], ctx)
                .map(drop),
            Reply::Promise(r) => r
                .resolve
                .call(&JsValue::undefined(), &[value], ctx)
                .map(drop),
        }
    }

    /// Failure: `callback(err, undefined)` or reject.
    pub(crate) fn fail(self, failure: &Failure, ctx: &mut Context) -> JsResult<()> {
        let err = failure.to_js(ctx);
        match self {
            Reply::Callback(f) => f
                .call(&JsValue::undefined(), &[err, JsValue::undefined()], ctx)
                .map(drop),
            Reply::Promise(r) => r.reject.call(&JsValue::undefined(), &[err], ctx).map(drop),
        }
    }

    /// Fails on the next loop turn, as netstack answers asynchronously.
    pub(crate) fn fail_later(self, failure: Failure, host: &Host) {
        host.completer()
            .complete(move |ctx| self.fail(&failure, ctx));
    }
}

/// The arguments of `request`/`requestInStream` as netstack reads them.
struct Args {
    url: Option<JsString>,
    options: Option<JsObject>,
    callback: Option<JsFunction>,
}

/// Reads `(url)`, `(url, callback)`, `(url, options)`, `(url, options,
/// callback)` the way netstack does: the callback is the last argument when
/// it is a function; anything else that does not fit is a 401 delivered to
/// that callback (or the promise). Unlike netstack, trailing `undefined`
/// arguments count as absent and `undefined`/`null` options as none, so
/// `request(url, opts)` with `opts` undefined is a plain request.
fn read_args(args: &[JsValue]) -> Result<Args, Option<JsFunction>> {
    let n = args
        .iter()
        .take(3)
        .rposition(|v| !v.is_undefined())
        .map_or(0, |i| i + 1);
    let function = |v: &JsValue| v.as_object().and_then(JsFunction::from_object);
    let callback = match n {
        1..=3 => function(&args[n - 1]),
        _ => None,
    };
    let url = args.first().and_then(JsValue::as_string);
    let options_ok = |v: &JsValue| v.is_null_or_undefined() || (v.is_object() && !v.is_callable());
    let valid = url.is_some()
        && match n {
            1 => true,
            2 => callback.is_some() || options_ok(&args[1]),
            3 => callback.is_some() && options_ok(&args[1]),
            _ => false,
        };
    if !valid {
        return Err(callback);
    }
    let options = match n {
        2 if callback.is_none() => args[1].as_object(),
        3 => args[1].as_object(),
        _ => None,
    };
    Ok(Args {
        url,
        options,
        callback,
    })
}

fn request(this: &JsValue, args: &[JsValue], ctx: &mut Context, stream: bool) -> JsResult<JsValue> {
    let Some((req, shared)) = shared_of(this) else {
        return Err(JsNativeError::typ()
            .with_message("not an HttpRequest (use http.createHttp())")
            .into());
    };
    let host = Host::get(ctx)?;
    let Args {
        url,
        options: opts,
        callback,
    } = match read_args(args) {
        Ok(a) => a,
        Err(callback) => {
            let (ret, reply) = Reply::new(callback, ctx);
            reply.fail_later(
                Failure::param("expected (url: string, options?: object, callback?: function)"),
                &host,
            );
            return Ok(ret);
        }
    };
    let url = url.unwrap_or_default();
    if shared.destroyed.get() {
        let (ret, reply) = Reply::new(callback, ctx);
        let failure = Failure {
            code: error::UNKNOWN,
            detail: Some("the HttpRequest was destroyed".into()),
        };
        reply.fail_later(failure, &host);
        return Ok(ret);
    }
    let parsed = match options::parse(&url, opts.as_ref(), stream, ctx) {
        Ok(parsed) => parsed,
        // A value the engine itself could not convert (a symbol where text
        // goes, a cyclic or BigInt `extraData` for JSON): netstack cannot
        // parse it either, so it is a 401 like every other. What user code
        // threw (a getter, a `toJSON`) is thrown on.
        Err(e) => match e.as_native() {
            Some(native) => Err(Failure::param(native.message())),
            None => return Err(e),
        },
    };
    let (ret, reply) = Reply::new(callback, ctx);
    match parsed {
        Err(failure) => reply.fail_later(failure, &host),
        Ok(parsed) => {
            let cache = if parsed.using_cache {
                cache::active(ctx)
            } else {
                None
            };
            start(&host, req, shared, parsed, cache, reply, stream);
        }
    }
    Ok(ret)
}

fn start(
    host: &Host,
    req: JsObject,
    shared: Rc<Shared>,
    parsed: Parsed,
    cache: Option<HttpCache>,
    reply: Reply,
    stream: bool,
) {
    let client = match host.net() {
        Ok(c) => c.clone(),
        Err(e) => return reply.fail_later(Failure::from_net(&e), host),
    };
    let Parsed {
        mut request,
        expect,
        using_cache: _,
        has_body,
    } = parsed;
    request.options.interest = Interest {
        headers: true,
        data: stream,
        send_progress: false,
        recv_progress: stream,
    };
    let done = host.completer();
    let mut delivery = Delivery {
        done: done.clone(),
        reply: Some(reply),
        req: req.clone(),
        shared: shared.clone(),
        stream,
        expect,
        started: Instant::now(),
    };
    let mut events = Events {
        done,
        req,
        shared: shared.clone(),
        hops: Vec::new(),
        last_send: None,
    };
    // Boxed here although `Host::spawn` boxes too: the async block built in
    // place in its box is never copied, while passed by value it was copied
    // (several KiB, ~9 K instructions per request measured) on its way in.
    let task = host.spawn(Box::pin(async move {
        // Send progress costs a channel and a wake-up per chunk, so it is
        // asked for only when `dataSendProgress` has a listener. Decided on
        // the task's first poll, after the script's current job: a listener
        // added right after `request()` counts.
        request.options.interest.send_progress =
            has_body && events.shared.flags.get() & flags::SEND != 0;
        let sink = |ev: Event<'_>| events.on(ev);
        let result =
            match cache {
                // Fresh hits come back without a connection; every other
                // response is offered to the cache on its way. Boxed apart: its
                // future is the larger one, and most requests do not take it.
                Some(cache) => Box::pin(cache.execute(&client, request, sink)).await.map(
                    |(mut resp, _status)| {
                        let body = ResponseBody::Shared(std::mem::take(&mut resp.body));
                        (resp, body)
                    },
                ),
                // Streamed bodies go to the events, not to a buffer.
                None if stream => client
                    .execute(request, sink)
                    .await
                    .map(|resp| (resp, ResponseBody::Shared(Bytes::new()))),
                // The body is written once, into the memory an ArrayBuffer
                // result will own.
                None => {
                    let mut buf = AlignedBody::new();
                    client
                        .execute_into(request, sink, &mut buf)
                        .await
                        .map(|resp| (resp, ResponseBody::Aligned(buf.into_inner())))
                }
            };
        delivery.finish(result, std::mem::take(&mut events.hops));
    }));
    let mut tasks = shared.tasks.borrow_mut();
    if tasks.len() >= 8 {
        tasks.retain(|t| !t.is_finished());
    }
    tasks.push(task);
}

/// Delivers the result of one transfer. Dropped without a result (the task
/// was aborted by `destroy()`), it answers 2300023.
struct Delivery {
    done: Completer,
    reply: Option<Reply>,
    req: JsObject,
    shared: Rc<Shared>,
    stream: bool,
    expect: Option<DataType>,
    started: Instant,
}

impl Delivery {
    fn finish(
        &mut self,
        result: jsrun_net::Result<(Response, ResponseBody)>,
        hops: Vec<CookieHop>,
    ) {
        let Some(reply) = self.reply.take() else {
            return;
        };
        let (req, shared, stream, expect, started) = (
            self.req.clone(),
            self.shared.clone(),
            self.stream,
            self.expect,
            self.started,
        );
        // Finished after destroy(): curl would have failed to hand over the
        // data (2300023); its own errors still win.
        let result = match result {
            Ok(_) if shared.destroyed.get() => Err(Failure {
                code: error::WRITE_ERROR,
                detail: Some("the HttpRequest was destroyed during the transfer".into()),
            }),
            Ok(resp) => Ok(resp),
            Err(e) => Err(Failure::from_net(&e)),
        };
        match result {
            Ok((resp, body)) => self.done.complete(move |ctx| {
                shared.release_finished();
                if stream {
                    if shared.flags.get() & flags::END != 0 {
                        emit(ctx, &req, &shared, flags::END, JsValue::undefined());
                    }
                    return reply.ok(resp.head.status.as_u16().into(), ctx);
                }
                deliver(ctx, reply, resp, body, hops, expect, started)
            }),
            Err(failure) => self.done.complete(move |ctx| {
                shared.release_finished();
                reply.fail(&failure, ctx)
            }),
        }
    }
}

impl Drop for Delivery {
    fn drop(&mut self) {
        if let Some(reply) = self.reply.take() {
            let failure = Failure {
                code: error::WRITE_ERROR,
                detail: Some("the HttpRequest was destroyed during the transfer".into()),
            };
            self.done.complete(move |ctx| reply.fail(&failure, ctx));
        }
    }
}

fn deliver(
    ctx: &mut Context,
    reply: Reply,
    resp: Response,
    body: ResponseBody,
    hops: Vec<CookieHop>,
    expect: Option<DataType>,
    started: Instant,
) -> JsResult<()> {
    if let Ok(host) = Host::get(ctx) {
        host.note_external_bytes(body.len());
    }
    let parts = Parts {
        status: resp.head.status.as_u16(),
        headers: HeaderList::from_map(&resp.head.headers),
        cookies: hops,
        timing: TimingMs::new(&resp.timing, started.elapsed()),
        body,
        expect,
    };
    match response::build(parts, ctx) {
        Ok(obj) => reply.ok(obj, ctx),
        Err(e) => {
            reply.fail(&Failure::code(error::UNKNOWN), ctx)?;
            Err(e)
        }
    }
}

/// The sink of one transfer: turns engine events into JS events, on the JS
/// thread, for the types that have listeners.
struct Events {
    done: Completer,
    req: JsObject,
    shared: Rc<Shared>,
    /// `Set-Cookie` of every hop, for `HttpResponse.cookies`.
    hops: Vec<CookieHop>,
    last_send: Option<(u64, u64)>,
}

impl Events {
    fn on(&mut self, ev: Event<'_>) {
        let mask = self.shared.flags.get();
        match ev {
            Event::Headers(head) => {
                let cookies: Vec<String> = head
                    .headers
                    .get_all(SET_COOKIE)
                    .iter()
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                    .collect();
                if !cookies.is_empty() {
                    self.hops.push(CookieHop {
                        host: head.url.host_str().unwrap_or_default().to_owned(),
                        path: head.url.path().to_owned(),
                        values: cookies,
                    });
                }
                if mask & (flags::HEADERS | flags::HEADER_OLD) != 0 {
                    let list = HeaderList::from_map(&head.headers);
                    self.queue(move |ctx, req, shared| {
                        // netstack emits the deprecated event first, each with its own object.
                        for bit in [flags::HEADER_OLD, flags::HEADERS] {
                            if shared.flags.get() & bit != 0 {
                                match list.to_js(ctx) {
                                    Ok(h) => emit(ctx, req, shared, bit, h.into()),
                                    Err(e) => report(ctx, &e),
                                }
                            }
                        }
                    });
                }
            }
            Event::Data(bytes) => {
                if mask & flags::DATA != 0 {
                    self.queue(move |ctx, req, shared| {
                        if let Ok(host) = Host::get(ctx) {
                            host.note_external_bytes(bytes.len());
                        }
                        match buffer::array_buffer(&bytes, ctx) {
                            Ok(buf) => emit(ctx, req, shared, flags::DATA, buf.into()),
                            Err(e) => report(ctx, &e),
                        }
                    });
                }
            }
            Event::RecvProgress { received, total } => {
                if mask & flags::RECV != 0 && received != 0 {
                    if let Some(total) = total.filter(|t| *t != 0) {
                        self.queue(move |ctx, req, shared| {
                            let info = progress(ctx, js_string!("receiveSize"), received, total);
                            emit(ctx, req, shared, flags::RECV, info);
                        });
                    }
                }
            }
            Event::SendProgress { sent, total } => {
                let Some(total) = total.filter(|t| *t != 0) else {
                    return;
                };
                if mask & flags::SEND != 0 && self.last_send != Some((sent, total)) {
                    self.last_send = Some((sent, total));
                    self.queue(move |ctx, req, shared| {
                        let info = progress(ctx, js_string!("sendSize"), sent, total);
                        emit(ctx, req, shared, flags::SEND, info);
                    });
                }
            }
        }
    }

    fn queue(&self, f: impl FnOnce(&mut Context, &JsObject, &Shared) + 'static) {
        let (req, shared) = (self.req.clone(), self.shared.clone());
        self.done.complete(move |ctx| {
            f(ctx, &req, &shared);
            Ok(())
        });
    }
}

/// `{receiveSize|sendSize, totalSize}`.
fn progress(ctx: &mut Context, name: JsString, now: u64, total: u64) -> JsValue {
    let obj = JsObject::with_object_proto(ctx.intrinsics());
    let prop = |v: u64| {
        PropertyDescriptor::builder()
            .value(v as f64)
            .writable(true)
            .enumerable(true)
            .configurable(true)
    };
    obj.insert_property(name, prop(now));
    obj.insert_property(js_string!("totalSize"), prop(total));
    obj.into()
}

/// Calls the facade's `emit(request, index, value)` (`index`: the position of
/// the event's bit in [`flags`]) unless the request was destroyed; an
/// exception in a listener is reported as uncaught and does not stop the
/// request.
fn emit(ctx: &mut Context, req: &JsObject, shared: &Shared, bit: u8, value: JsValue) {
    if shared.destroyed.get() {
        return;
    }
    let Ok(state) = ModuleState::get(ctx) else {
        return;
    };
    // The facade keeps the listener lists by the bit's position (0..=5).
    let args = [req.clone().into(), bit.trailing_zeros().into(), value];
    if let Err(e) = state.emit.call(&JsValue::undefined(), &args, ctx) {
        report(ctx, &e);
    }
}

fn report(ctx: &mut Context, e: &boa_engine::JsError) {
    if let Ok(host) = Host::get(ctx) {
        host.report_error(e, ctx);
    }
}
