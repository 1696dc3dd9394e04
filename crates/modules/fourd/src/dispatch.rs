//! Running a request and calling its callbacks in the document's order:
//! onHeaders once, onData zero or more times, onResponse or onError, and
//! onTerminate always, once.
//!
//! The transfer runs as one task on the runtime's HTTP engine. Without
//! onHeaders and onData it reports once, with the whole response, so a
//! request costs one completion on the JS thread. With them, the task also
//! reports the final head (at the first body byte, or at the end for an
//! empty body: only then is it known that no redirect or authentication
//! retry follows) and each chunk. Callbacks are called from Rust with the
//! functions looked up in `new()`; `this` is the options object.

use boa_engine::object::JsObject;
use boa_engine::{js_string, Context, JsError, JsResult, JsValue};
use jsrun_net::{BodyBuffer, Client, Event, Response};
use jsrun_runtime::buffer::{AlignedBody, ResponseBody};
use jsrun_runtime::{Completer, Host};

use crate::body;
use crate::errors::ErrorEntry;
use crate::headers::{protocol_name, Head};
use crate::plan::Plan;
use crate::request::{with, with_mut, Callbacks};
use crate::response;
use crate::shared::Shared;

/// Which callback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    Headers,
    Response,
    Error,
}

/// How a transfer ended.
enum Outcome {
    /// The response, its head as copied on the task (when the task saw it),
    /// and the body as the task gathered it.
    Done(Box<Response>, Option<(Head, &'static str)>, ResponseBody),
    /// The engine failed, maybe after a head had arrived.
    Failed(jsrun_net::Error, Option<(Head, &'static str)>),
    /// The error is already in the request's `errors` (a wrong option).
    Refused,
}

fn client(host: &Host) -> Result<Client, ErrorEntry> {
    host.net().cloned().map_err(|e| ErrorEntry::from_net(&e))
}

/// Starts the transfer of `obj` as planned.
///
/// # Errors
/// Only when `ctx` is not a jsrun context.
pub(crate) fn start(ctx: &mut Context, obj: &JsObject, plan: Plan) -> JsResult<()> {
    let host = Host::get(ctx)?;
    let client = match client(&host) {
        Ok(c) => c,
        Err(e) => return fail_soon(ctx, obj, e),
    };
    let completer = host.completer();
    let target = obj.clone();
    let Plan {
        request,
        return_body,
        streaming,
        on_data,
        ..
    } = plan;
    let task = if streaming {
        host.spawn(async move {
            let mut stream = Stream {
                target: target.clone(),
                completer: completer.clone(),
                head: None,
                head_sent: false,
                on_data,
                buf: return_body.then(AlignedBody::new),
            };
            // Boxed: the engine's future is large, and a task's future is
            // moved several times by tokio (spawn, each stage change).
            let result =
                Box::pin(client.execute(request, |ev: Event<'_>| stream.on_event(ev))).await;
            let body = stream.buf.take().map(AlignedBody::into_inner);
            let outcome = match result {
                Ok(resp) => {
                    let body = body.map_or_else(
                        || ResponseBody::Shared(resp.body.clone()),
                        ResponseBody::Aligned,
                    );
                    Outcome::Done(Box::new(resp), stream.head.take(), body)
                }
                Err(e) => Outcome::Failed(e, stream.head.take()),
            };
            completer.complete(move |ctx| finish(ctx, &target, outcome));
        })
    } else {
        host.spawn(async move {
            // The head of each hop is kept, so that `response` shows the
            // status even when the body then fails.
            let mut last: Option<(Head, &'static str)> = None;
            // The body lands in the memory an `ArrayBuffer` takes as it is
            // (one copy from hyper's buffers; text is decoded from it).
            let mut buf = AlignedBody::new();
            let sink = |ev: Event<'_>| {
                if let Event::Headers(h) = ev {
                    last = Some((Head::from_net(h), protocol_name(h.version)));
                }
            };
            // Boxed: the engine's future is large, and a task's future is
            // moved several times by tokio (spawn, each stage change).
            let result = Box::pin(client.execute_into(request, sink, &mut buf)).await;
            let outcome = match result {
                Ok(resp) => Outcome::Done(
                    Box::new(resp),
                    last,
                    ResponseBody::Aligned(buf.into_inner()),
                ),
                Err(e) => Outcome::Failed(e, last),
            };
            completer.complete(move |ctx| finish(ctx, &target, outcome));
        })
    };
    with_mut(obj, |d| d.st.task = Some(task));
    Ok(())
}

/// Ends `obj` with `entry` on the next loop turn (never inside `new()`).
///
/// # Errors
/// Only when `ctx` is not a jsrun context.
pub(crate) fn fail_soon(ctx: &mut Context, obj: &JsObject, entry: ErrorEntry) -> JsResult<()> {
    let host = Host::get(ctx)?;
    with_mut(obj, |d| {
        d.st.errors.push(entry);
        d.errors_obj = None;
    });
    let target = obj.clone();
    host.completer()
        .complete(move |ctx| finish(ctx, &target, Outcome::Refused));
    Ok(())
}

/// `terminate()`: stops the transfer and queues onTerminate. Does nothing
/// on a request already terminated or terminating.
///
/// # Errors
/// Only when `ctx` is not a jsrun context.
pub(crate) fn terminate(ctx: &mut Context, obj: &JsObject) -> JsResult<()> {
    let go = with_mut(obj, |d| {
        if d.st.aborted || d.st.terminating {
            return false;
        }
        d.st.aborted = true;
        if let Some(task) = d.st.task.take() {
            task.abort();
        }
        true
    })
    .unwrap_or(false);
    if go {
        let host = Host::get(ctx)?;
        let target = obj.clone();
        host.completer()
            .complete(move |ctx| fire_terminate(ctx, &target));
    }
    Ok(())
}

/// Calls `f` with `this` and `(request, event)`. A JS exception is reported
/// as uncaught (the run fails) and the sequence goes on, so onTerminate still
/// runs; an uncatchable error (`process.exit()`) ends the sequence.
fn call(
    ctx: &mut Context,
    obj: &JsObject,
    f: &JsObject,
    this: &JsValue,
    event: JsValue,
) -> JsResult<()> {
    match f.call(this, &[obj.clone().into(), event], ctx) {
        Ok(_) => Ok(()),
        Err(e) if e.as_engine().is_some() => Err(e),
        Err(e) => {
            report(ctx, &e);
            Ok(())
        }
    }
}

fn report(ctx: &mut Context, e: &JsError) {
    if let Ok(host) = Host::get(ctx) {
        host.report_error(e, ctx);
    }
}

fn pick(c: &Callbacks, which: Which) -> Option<JsObject> {
    match which {
        Which::Headers => c.on_headers.clone(),
        Which::Response => c.on_response.clone(),
        Which::Error => c.on_error.clone(),
    }
}

/// Fires `which` unless the request was terminated meanwhile; onHeaders
/// fires at most once. Returns false when the sequence must stop.
fn fire(ctx: &mut Context, shared: &Shared, obj: &JsObject, which: Which) -> JsResult<bool> {
    let Some((f, this)) = with_mut(obj, |d| {
        if d.st.aborted || d.st.terminating {
            return None;
        }
        if which == Which::Headers {
            if d.st.headers_fired {
                return Some((None, JsValue::undefined()));
            }
            d.st.headers_fired = true;
        }
        Some((pick(&d.callbacks, which), d.this.clone()))
    })
    .flatten() else {
        return Ok(false);
    };
    if let Some(f) = f {
        let event = match which {
            Which::Headers => shared.events.headers.clone(),
            Which::Response => shared.events.response.clone(),
            Which::Error => shared.events.error.clone(),
        };
        call(ctx, obj, &f, &this, event)?;
    }
    Ok(with(obj, |d| !d.st.aborted).unwrap_or(false))
}

/// Fires onTerminate once, then marks the request terminated.
fn fire_terminate(ctx: &mut Context, obj: &JsObject) -> JsResult<()> {
    let Some((f, this)) = with_mut(obj, |d| {
        if d.st.terminating {
            return None;
        }
        d.st.terminating = true;
        if let Some(task) = d.st.task.take() {
            task.abort();
        }
        Some((d.callbacks.on_terminate.clone(), d.this.clone()))
    })
    .flatten() else {
        return Ok(());
    };
    let result = match f {
        Some(f) => {
            let event = Shared::get(ctx)?.events.terminate.clone();
            call(ctx, obj, &f, &this, event)
        }
        None => Ok(()),
    };
    with_mut(obj, |d| {
        d.st.terminated = true;
        // Nothing fires any more: let the functions go.
        d.callbacks = Callbacks::default();
    });
    result
}

/// The end of a transfer: the response (or error) in, then the remaining
/// callbacks in order.
fn finish(ctx: &mut Context, obj: &JsObject, outcome: Outcome) -> JsResult<()> {
    let live = with_mut(obj, |d| {
        d.st.task = None;
        d.st.finishing = true;
        !(d.st.aborted || d.st.terminating)
    })
    .unwrap_or(false);
    if !live {
        return Ok(());
    }
    let shared = Shared::get(ctx)?;
    let ok = match outcome {
        Outcome::Done(resp, head, body) => {
            let (head, version) = head
                .unwrap_or_else(|| (Head::from_net(&resp.head), protocol_name(resp.head.version)));
            let (data_type, return_body) = with_mut(obj, |d| {
                if d.st.head.is_none() && d.response.is_none() {
                    d.st.head = Some(Box::new(head));
                }
                d.st.version = Some(version);
                (d.st.data_type, d.st.return_body)
            })
            .unwrap_or_default();
            if return_body {
                let len = body.len();
                let value =
                    body::response_value(&shared, data_type, body, resp.head.content_type(), ctx)?;
                Host::get(ctx)?.note_external_bytes(len);
                response::set_body(obj, value);
            }
            true
        }
        Outcome::Failed(e, head) => {
            with_mut(obj, |d| {
                if let Some((head, version)) = head.filter(|(h, _)| is_final(h)) {
                    if d.st.head.is_none() && d.response.is_none() {
                        d.st.head = Some(Box::new(head));
                    }
                    d.st.version = Some(version);
                }
                d.st.errors.push(ErrorEntry::from_net(&e));
                d.errors_obj = None;
            });
            false
        }
        Outcome::Refused => false,
    };
    if fire(ctx, &shared, obj, Which::Headers)? {
        fire(
            ctx,
            &shared,
            obj,
            if ok { Which::Response } else { Which::Error },
        )?;
    }
    fire_terminate(ctx, obj)
}

/// Whether the last head seen before a failure was the final response's:
/// not one the engine would have followed (a redirect) or answered (an
/// authentication challenge). The failure came while reading its body.
fn is_final(head: &Head) -> bool {
    !matches!(head.status, 300..=399 | 401 | 407)
}

/// The events of a streaming transfer, on the task.
struct Stream {
    target: JsObject,
    completer: Completer,
    /// The last head seen: the final one once body bytes arrive.
    head: Option<(Head, &'static str)>,
    head_sent: bool,
    on_data: bool,
    buf: Option<AlignedBody>,
}

impl Stream {
    fn on_event(&mut self, ev: Event<'_>) {
        match ev {
            Event::Headers(h) => self.head = Some((Head::from_net(h), protocol_name(h.version))),
            Event::Data(chunk) => {
                self.send_head();
                if let Some(buf) = &mut self.buf {
                    BodyBuffer::extend_from_slice(buf, &chunk);
                }
                if self.on_data {
                    let target = self.target.clone();
                    self.completer
                        .complete(move |ctx| deliver_data(ctx, &target, &chunk));
                }
            }
            _ => {}
        }
    }

    fn send_head(&mut self) {
        if self.head_sent {
            return;
        }
        self.head_sent = true;
        if let Some((head, version)) = self.head.take() {
            let target = self.target.clone();
            self.completer
                .complete(move |ctx| deliver_head(ctx, &target, head, version));
        }
    }
}

/// The final head arrived (streaming): `response` exists from now on.
fn deliver_head(
    ctx: &mut Context,
    obj: &JsObject,
    head: Head,
    version: &'static str,
) -> JsResult<()> {
    let live = with_mut(obj, |d| {
        if d.st.aborted || d.st.terminating {
            return false;
        }
        if d.st.head.is_none() && d.response.is_none() {
            d.st.head = Some(Box::new(head));
        }
        d.st.version = Some(version);
        true
    })
    .unwrap_or(false);
    if live {
        let shared = Shared::get(ctx)?;
        fire(ctx, &shared, obj, Which::Headers)?;
    }
    Ok(())
}

/// A body chunk for onData, as an ArrayBuffer in `event.data`.
fn deliver_data(ctx: &mut Context, obj: &JsObject, chunk: &[u8]) -> JsResult<()> {
    let Some((f, this)) = with(obj, |d| {
        if d.st.aborted || d.st.terminating {
            return None;
        }
        d.callbacks.on_data.clone().map(|f| (f, d.this.clone()))
    })
    .flatten() else {
        return Ok(());
    };
    let data = body::array_buffer(chunk, ctx)?;
    Host::get(ctx)?.note_external_bytes(chunk.len());
    let event = JsObject::with_object_proto(ctx.intrinsics());
    event.create_data_property_or_throw(js_string!("type"), js_string!("data"), ctx)?;
    event.create_data_property_or_throw(js_string!("data"), data, ctx)?;
    call(ctx, obj, &f, &this, event.into())
}
