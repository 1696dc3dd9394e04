//! The natives: a client's state, the synchronous request, and the queue
//! that `execute()` sends.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use boa_engine::object::builtins::JsFunction;
use boa_engine::{
    Context, Finalize, JsData, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, Trace,
};
use http::Method;
use jsrun_net::{Request, Response};
use jsrun_runtime::buffer::{AlignedBody, ResponseBody};
use jsrun_runtime::{Host, LoopExit, TaskHandle};

use crate::cookies::SharedJar;
use crate::error::Error;
use crate::options::{self, type_name};
use crate::request::{self, Meta};
use crate::response;

/// One client: its cookies and its queue of requests waiting for
/// `execute()`. The sync module has one per runtime; `getInstance()` makes
/// a new one each time.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct ClientState {
    #[unsafe_ignore_trace]
    inner: Rc<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Handed to the engine with each request that keeps cookies, so a
    /// cookie set by a redirect hop is sent on the next hop.
    cookies: Arc<SharedJar>,
    queue: RefCell<Vec<Result<(Request, Meta), Error>>>,
}

/// `op_dirigible_client_new() -> object`: a new client handle.
pub(crate) fn op_dirigible_client_new(
    _: &JsValue,
    _: &[JsValue],
    _ctx: &mut Context,
) -> JsResult<JsValue> {
    let state = ClientState {
        inner: Rc::new(Inner::default()),
    };
    Ok(JsObject::from_proto_and_data(None, state).into())
}

fn state_of(v: Option<&JsValue>) -> JsResult<Rc<Inner>> {
    v.and_then(JsValue::as_object)
        .and_then(|o| o.downcast_ref::<ClientState>().map(|s| s.inner.clone()))
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message("not a Dirigible HTTP client")
                .into()
        })
}

fn method_of(v: Option<&JsValue>) -> JsResult<Method> {
    let m = v
        .and_then(JsValue::as_string)
        .map(|s| s.to_std_string_lossy())
        .unwrap_or_default();
    Method::from_bytes(m.as_bytes()).map_err(|_| {
        JsNativeError::typ()
            .with_message(format!("bad method {m:?}"))
            .into()
    })
}

fn url_of(v: Option<&JsValue>) -> Result<String, Error> {
    let v = v.cloned().unwrap_or_default();
    v.as_string()
        .map(|s| s.to_std_string_lossy())
        .ok_or_else(|| Error::typ("url", format!("must be a string, got {}", type_name(&v))))
}

/// Reads the arguments `(method, url, options)` at `args[1..]` into an
/// engine request of client `inner`.
fn prepare(
    inner: &Inner,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<Result<(Request, Meta), Error>> {
    let method = method_of(args.get(1))?;
    let url = url_of(args.get(2)).map_err(|e| e.to_js())?;
    let options = args.get(3).cloned().unwrap_or_default();
    let o = options::parse(&options, ctx).map_err(|e| e.to_js())?;
    // A request that cannot be built (bad URL, bad header) is a failed
    // request, not a type error: it is reported like a transport failure.
    Ok(request::build(method, &url, &o).map(|(mut req, meta)| {
        if meta.cookies {
            let jar: Arc<dyn jsrun_net::CookieJar> = inner.cookies.clone();
            req.options.cookie_jar = Some(jar);
        }
        (req, meta)
    }))
}

/// Sends `req`; the engine consults the request's cookie jar on every hop.
/// The body lands in memory an `ArrayBuffer` can take as it is (one copy
/// from hyper's buffers; text is decoded from it).
async fn send(net: jsrun_net::Client, req: Request) -> Result<(Response, ResponseBody), Error> {
    let method = req.method.to_string();
    let url = req.url.to_string();
    let mut buf = AlignedBody::new();
    match net.fetch_into(req, &mut buf).await {
        Ok(resp) => Ok((resp, ResponseBody::Aligned(buf.into_inner()))),
        Err(source) => Err(Error::Transport {
            method,
            url,
            source,
        }),
    }
}

fn engine(host: &Host) -> Result<jsrun_net::Client, Error> {
    host.net().cloned().map_err(Error::Engine)
}

/// `op_dirigible_request(client, method, url, options) -> HttpResponse`:
/// the synchronous request. Blocks the script (other requests keep
/// running); throws on a transport failure.
pub(crate) fn op_dirigible_request(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let inner = state_of(args.first())?;
    let (req, meta) = prepare(&inner, args, ctx)?.map_err(|e| e.to_js())?;
    let host = Host::get(ctx)?;
    let net = engine(&host).map_err(|e| e.to_js())?;
    let (resp, body) = host.block_on(send(net, req)).map_err(|e| e.to_js())?;
    let (value, external) = response::to_js(&resp, body, &meta, ctx)?;
    host.note_external_bytes(external);
    Ok(value)
}

/// `op_dirigible_queue(client, method, url, options)`: checks the options
/// (a `TypeError` now, not at `execute()`) and queues the request.
pub(crate) fn op_dirigible_queue(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let inner = state_of(args.first())?;
    let prepared = prepare(&inner, args, ctx)?;
    inner.queue.borrow_mut().push(prepared);
    Ok(JsValue::undefined())
}

/// What `dispatch` is told about a request.
const SUCCESS: i32 = 0;
const FAILURE: i32 = 1;
const CANCEL: i32 = 2;

/// A request's response, its body and what the request asked for.
type Sent = (Response, ResponseBody, Meta);

/// One `execute()` call.
struct Batch {
    /// The facade's `dispatch(batch, index, kind, value)`.
    dispatch: JsFunction,
    /// The facade's batch (`{configs, contexts}`), handed back to `dispatch`.
    batch: JsValue,
    settled: RefCell<Vec<bool>>,
    remaining: Cell<usize>,
    /// The first exception a callback threw: the batch stops there.
    error: RefCell<Option<JsError>>,
    /// Set when `execute()` has returned: late completions do nothing.
    closed: Cell<bool>,
}

impl Batch {
    fn call(&self, index: usize, kind: i32, value: JsValue, ctx: &mut Context) {
        let args = [
            self.batch.clone(),
            JsValue::from(index as f64),
            JsValue::from(kind),
            value,
        ];
        if let Err(e) = self.dispatch.call(&JsValue::undefined(), &args, ctx) {
            self.error.borrow_mut().get_or_insert(e);
        }
    }

    /// Runs the callback of request `index` with its outcome.
    fn deliver(&self, index: usize, outcome: Result<Sent, String>, ctx: &mut Context) {
        if self.closed.get() || self.error.borrow().is_some() {
            return;
        }
        {
            let mut settled = self.settled.borrow_mut();
            match settled.get_mut(index) {
                Some(s) if !*s => *s = true,
                _ => return,
            }
        }
        self.remaining.set(self.remaining.get().saturating_sub(1));
        let (kind, value) = match outcome {
            Ok((resp, body, meta)) => match response::to_js(&resp, body, &meta, ctx) {
                Ok((value, external)) => {
                    if let Ok(host) = Host::get(ctx) {
                        host.note_external_bytes(external);
                    }
                    (SUCCESS, value)
                }
                Err(e) => (FAILURE, JsString::from(e.to_string().as_str()).into()),
            },
            Err(message) => (FAILURE, JsString::from(message.as_str()).into()),
        };
        self.call(index, kind, value, ctx);
    }
}

/// `op_dirigible_execute(client, batch, dispatch)`: sends every queued
/// request at once and returns when each has had its callback, run one at
/// a time on this thread. If a callback throws, the requests still running
/// are cancelled (their `cancel` callbacks run) and the exception is
/// rethrown from here.
pub(crate) fn op_dirigible_execute(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let inner = state_of(args.first())?;
    let batch_js = args.get(1).cloned().unwrap_or_default();
    let dispatch = args
        .get(2)
        .and_then(JsValue::as_function)
        .ok_or_else(|| JsNativeError::typ().with_message("dispatch is not a function"))?;
    let queued = std::mem::take(&mut *inner.queue.borrow_mut());
    if queued.is_empty() {
        return Ok(JsValue::undefined());
    }
    let host = Host::get(ctx)?;
    let n = queued.len();
    let batch = Rc::new(Batch {
        dispatch,
        batch: batch_js,
        settled: RefCell::new(vec![false; n]),
        remaining: Cell::new(n),
        error: RefCell::new(None),
        closed: Cell::new(false),
    });
    let net = engine(&host).map_err(|e| e.to_string());
    let mut tasks: Vec<Option<TaskHandle>> = Vec::with_capacity(n);
    for (index, prepared) in queued.into_iter().enumerate() {
        let done = host.completer();
        let b = batch.clone();
        let ready = match (prepared, &net) {
            (Ok(p), Ok(client)) => Ok((p, client.clone())),
            (Err(e), _) => Err(e.to_string()),
            (Ok(_), Err(message)) => Err(message.clone()),
        };
        let ((req, meta), client) = match ready {
            Ok(r) => r,
            Err(message) => {
                // Through the completer, so that it is delivered in turn
                // like any other outcome.
                done.complete(move |ctx| {
                    b.deliver(index, Err(message), ctx);
                    Ok(())
                });
                tasks.push(None);
                continue;
            }
        };
        let task = host.spawn(async move {
            let outcome = send(client, req)
                .await
                .map(|(resp, body)| (resp, body, meta))
                .map_err(|e| e.to_string());
            done.complete(move |ctx| {
                b.deliver(index, outcome, ctx);
                Ok(())
            });
        });
        tasks.push(Some(task));
    }

    let exit = host.run_until(ctx, None, &mut |_| {
        batch.remaining.get() == 0 || batch.error.borrow().is_some()
    });
    batch.closed.set(true);
    let error = batch.error.borrow_mut().take();
    if exit == LoopExit::Exit {
        for task in tasks.iter().flatten() {
            task.abort();
        }
        // process.exit() was called: no more JS may run.
        return Err(error.unwrap_or_else(|| {
            JsError::from(boa_engine::error::PanicError::new("process.exit() called"))
        }));
    }
    if let Some(error) = error {
        let pending: Vec<usize> = batch
            .settled
            .borrow()
            .iter()
            .enumerate()
            .filter(|(_, s)| !**s)
            .map(|(i, _)| i)
            .collect();
        for i in pending {
            if let Some(Some(task)) = tasks.get(i) {
                task.abort();
            }
            batch.call(i, CANCEL, JsValue::undefined(), ctx);
        }
        return Err(error);
    }
    Ok(JsValue::undefined())
}

/// The ops object both facades receive.
pub(crate) fn ops(ctx: &mut Context) -> JsObject {
    use jsrun_runtime::op;
    let o = JsObject::with_object_proto(ctx.intrinsics());
    let list: [(
        &str,
        boa_engine::native_function::NativeFunctionPointer,
        usize,
    ); 4] = [
        ("op_dirigible_client_new", op_dirigible_client_new, 0),
        ("op_dirigible_request", op_dirigible_request, 4),
        ("op_dirigible_queue", op_dirigible_queue, 4),
        ("op_dirigible_execute", op_dirigible_execute, 3),
    ];
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
