//! The HTTPRequest object: its native data, `new()`, and the properties and
//! functions of its prototype.
//!
//! A request object is one native object built from the shared prototype
//! (`HTTPRequest.prototype`) with a shared shape: it carries no own
//! properties, so creating one costs one allocation. Its properties are
//! accessors on the prototype reading the native data.

use boa_engine::object::JsObject;
use boa_engine::property::PropertyKey;
use boa_engine::{
    js_string, Context, Finalize, JsData, JsNativeError, JsResult, JsString, JsValue, Trace,
};
use jsrun_runtime::{Host, TaskHandle};

use crate::body::DataType;
use crate::dispatch;
use crate::errors::{self, ErrorEntry};
use crate::headers::Head;
use crate::options::{self, Opt, Raw};
use crate::response;
use crate::shared::Shared;

/// What `new()` was given, as the properties report it.
#[derive(Trace, Finalize)]
pub(crate) struct Props {
    pub(crate) url: JsValue,
    pub(crate) method: JsValue,
    pub(crate) headers: JsValue,
    pub(crate) data_type: JsValue,
    pub(crate) encoding: JsValue,
    pub(crate) protocol: JsValue,
    pub(crate) return_body: JsValue,
    pub(crate) timeout: JsValue,
}

/// The callbacks, looked up once in `new()`.
#[derive(Trace, Finalize, Default)]
pub(crate) struct Callbacks {
    pub(crate) on_headers: Option<JsObject>,
    pub(crate) on_data: Option<JsObject>,
    pub(crate) on_response: Option<JsObject>,
    pub(crate) on_error: Option<JsObject>,
    pub(crate) on_terminate: Option<JsObject>,
}

/// Where a request is, and what it has received.
#[derive(Default)]
pub(crate) struct State {
    pub(crate) data_type: DataType,
    pub(crate) return_body: bool,
    /// `terminate()` was called: no callback but onTerminate fires any more.
    pub(crate) aborted: bool,
    /// onTerminate has been (or is being) called.
    pub(crate) terminating: bool,
    /// onTerminate has returned: the `terminated` property.
    pub(crate) terminated: bool,
    pub(crate) headers_fired: bool,
    /// The end of the transfer is being dispatched: the request terminates
    /// as soon as the running callback returns.
    pub(crate) finishing: bool,
    pub(crate) task: Option<TaskHandle>,
    /// The final response head, until the `response` object is built from it.
    pub(crate) head: Option<Box<Head>>,
    /// `"HTTP1"`/`"HTTP2"` once known (the `protocol` property for "auto").
    pub(crate) version: Option<&'static str>,
    pub(crate) errors: Vec<ErrorEntry>,
}

/// The native data of an HTTPRequest object.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct RequestData {
    pub(crate) props: Props,
    /// `this` of the callbacks: the options object.
    pub(crate) this: JsValue,
    pub(crate) callbacks: Callbacks,
    /// The `response` object once built.
    pub(crate) response: Option<JsObject>,
    /// The body value when it arrived before the `response` object was built.
    pub(crate) body: JsValue,
    /// The `errors` collection once built (rebuilt when an error is added).
    pub(crate) errors_obj: Option<JsObject>,
    #[unsafe_ignore_trace]
    pub(crate) st: State,
}

/// The request data of `this`, or a TypeError.
pub(crate) fn this_request(this: &JsValue) -> JsResult<JsObject> {
    match this.as_object() {
        Some(obj) if obj.is::<RequestData>() => Ok(obj),
        _ => Err(JsNativeError::typ()
            .with_message("not an HTTPRequest object")
            .into()),
    }
}

/// Reads `obj`'s data with `f`. Callers hold no other borrow.
pub(crate) fn with<R>(obj: &JsObject, f: impl FnOnce(&RequestData) -> R) -> Option<R> {
    obj.downcast_ref::<RequestData>().map(|d| f(&d))
}

/// Changes `obj`'s data with `f`. Never call JS from `f`.
pub(crate) fn with_mut<R>(obj: &JsObject, f: impl FnOnce(&mut RequestData) -> R) -> Option<R> {
    obj.downcast_mut::<RequestData>().map(|mut d| f(&mut d))
}

/// `HTTPRequest.new(url, options)`: builds the request and starts it. Bad
/// input never throws: the request ends with onError (errors filled) and
/// onTerminate, as a failed transfer would.
pub(crate) fn op_fourd_new(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let shared = Shared::get(ctx)?;
    let url_arg = args.first().cloned().unwrap_or_default();
    let options_arg = args.get(1).cloned().unwrap_or_default();

    let mut problem: Option<ErrorEntry> = None;
    let (mut raw, this) = match options_arg.as_object() {
        Some(obj) => (options::read(&obj, ctx)?, JsValue::from(obj)),
        None => {
            if !options_arg.is_null_or_undefined() {
                problem = Some(ErrorEntry::invalid(format!(
                    "options must be an object, not {}",
                    options_arg.type_of()
                )));
            }
            (Raw::empty(), JsValue::undefined())
        }
    };

    let (callbacks, callback_problem) = take_callbacks(&mut raw);
    problem = problem.or(callback_problem);
    let (url_prop, url) = crate::url::resolve(&shared, &url_arg);
    let props = Props {
        url: url_prop,
        method: raw
            .get(Opt::Method)
            .cloned()
            .unwrap_or_else(|| js_string!("GET").into()),
        headers: raw.get(Opt::Headers).cloned().unwrap_or_default(),
        data_type: raw
            .get(Opt::DataType)
            .cloned()
            .unwrap_or_else(|| js_string!("auto").into()),
        encoding: raw
            .get(Opt::Encoding)
            .cloned()
            .unwrap_or_else(|| js_string!("UTF-8").into()),
        protocol: raw
            .get(Opt::Protocol)
            .cloned()
            .unwrap_or_else(|| js_string!("auto").into()),
        return_body: raw
            .get(Opt::ReturnResponseBody)
            .cloned()
            .unwrap_or(JsValue::from(true)),
        timeout: raw.get(Opt::Timeout).cloned().unwrap_or_default(),
    };

    let plan = match problem {
        Some(p) => Err(p),
        None => crate::plan::plan(&shared, url, &raw, &callbacks, ctx)?,
    };
    let (data_type, return_body) = match &plan {
        Ok(p) => (p.data_type, p.return_body),
        Err(_) => (DataType::Auto, true),
    };
    let data = RequestData {
        props,
        this,
        callbacks,
        response: None,
        body: JsValue::undefined(),
        errors_obj: None,
        st: State {
            data_type,
            return_body,
            ..State::default()
        },
    };
    let obj = JsObject::new(ctx.root_shape(), shared.request_proto.clone(), data).upcast();
    match plan {
        Ok(plan) => dispatch::start(ctx, &obj, plan)?,
        Err(entry) => dispatch::fail_soon(ctx, &obj, entry)?,
    }
    Ok(obj.into())
}

/// Moves the callbacks out of the options; a value that is not a function
/// is a wrong option type.
fn take_callbacks(raw: &mut Raw) -> (Callbacks, Option<ErrorEntry>) {
    let mut problem = None;
    let mut take = |opt: Opt| -> Option<JsObject> {
        let v = raw.take(opt)?;
        match v.as_callable() {
            Some(f) => Some(f),
            None => {
                if !v.is_null() && problem.is_none() {
                    problem = Some(ErrorEntry::invalid(format!(
                        "option {} must be a function, not {}",
                        opt.name(),
                        v.type_of()
                    )));
                }
                None
            }
        }
    };
    let callbacks = Callbacks {
        on_headers: take(Opt::OnHeaders),
        on_data: take(Opt::OnData),
        on_response: take(Opt::OnResponse),
        on_error: take(Opt::OnError),
        on_terminate: take(Opt::OnTerminate),
    };
    (callbacks, problem)
}

fn prop(this: &JsValue, f: impl FnOnce(&RequestData) -> JsValue) -> JsResult<JsValue> {
    let obj = this_request(this)?;
    Ok(with(&obj, f).unwrap_or_default())
}

pub(crate) fn get_url(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    prop(this, |d| d.props.url.clone())
}

pub(crate) fn get_method(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    prop(this, |d| d.props.method.clone())
}

pub(crate) fn get_data_type(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    prop(this, |d| d.props.data_type.clone())
}

pub(crate) fn get_encoding(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    prop(this, |d| d.props.encoding.clone())
}

pub(crate) fn get_return_body(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    prop(this, |d| d.props.return_body.clone())
}

pub(crate) fn get_timeout(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    prop(this, |d| d.props.timeout.clone())
}

pub(crate) fn get_terminated(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    prop(this, |d| d.st.terminated.into())
}

/// "auto" (or omitted) reports the version used once the response is in.
pub(crate) fn get_protocol(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    prop(this, |d| {
        let given_auto = d
            .props
            .protocol
            .as_string()
            .is_some_and(|s| s.to_std_string_lossy().eq_ignore_ascii_case("auto"));
        match d.st.version {
            Some(v) if given_auto => JsString::from(v).into(),
            _ => d.props.protocol.clone(),
        }
    })
}

/// The headers object of the options; an empty object when none was given
/// (created on first read, then kept).
pub(crate) fn get_headers(this: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let obj = this_request(this)?;
    let current = with(&obj, |d| d.props.headers.clone()).unwrap_or_default();
    if !current.is_undefined() {
        return Ok(current);
    }
    let fresh: JsValue = JsObject::with_object_proto(ctx.intrinsics()).into();
    with_mut(&obj, |d| d.props.headers = fresh.clone());
    Ok(fresh)
}

/// The errors collection, or undefined while there is none.
pub(crate) fn get_errors(this: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let obj = this_request(this)?;
    let (cached, entries) = with(&obj, |d| {
        if d.st.errors.is_empty() {
            (None, None)
        } else if let Some(o) = &d.errors_obj {
            (Some(o.clone()), None)
        } else {
            (None, Some(d.st.errors.clone()))
        }
    })
    .unwrap_or((None, None));
    if let Some(o) = cached {
        return Ok(o.into());
    }
    let Some(entries) = entries else {
        return Ok(JsValue::undefined());
    };
    let array = errors::to_js(&entries, ctx)?;
    with_mut(&obj, |d| d.errors_obj = Some(array.clone()));
    Ok(array.into())
}

/// The response object, built on first read once the status is known.
pub(crate) fn get_response(this: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let obj = this_request(this)?;
    response::of_request(&obj, ctx)
}

/// `terminate()`: aborts the transfer; onTerminate follows on the next
/// loop turn (or at once in the dispatch that is running).
pub(crate) fn op_terminate(this: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let obj = this_request(this)?;
    dispatch::terminate(ctx, &obj)?;
    Ok(JsValue::undefined())
}

/// `wait(seconds?)`: runs the event loop (this and other requests'
/// callbacks, timers) until this request has terminated or the time is up.
pub(crate) fn op_wait(this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let obj = this_request(this)?;
    let limit = match args.first() {
        None => None,
        Some(v) if v.is_null_or_undefined() => None,
        Some(v) => {
            let secs = v.to_number(ctx)?;
            let secs = if secs.is_nan() || secs < 0.0 {
                0.0
            } else {
                secs
            };
            // Far-future limits (Infinity included) are no limit.
            std::time::Duration::try_from_secs_f64(secs).ok()
        }
    };
    let done = |o: &JsObject| with(o, |d| d.st.terminated).unwrap_or(true);
    // Called from this request's own last callbacks: nothing can happen
    // before they return, so waiting would only wait for everything else.
    let ending = with(&obj, |d| d.st.finishing || d.st.terminating).unwrap_or(true);
    if ending || done(&obj) {
        return Ok(this.clone());
    }
    let deadline = limit.and_then(|d| std::time::Instant::now().checked_add(d));
    let host = Host::get(ctx)?;
    host.run_until(ctx, deadline, &mut |_| done(&obj));
    Ok(this.clone())
}

/// `toJSON()`: the properties as a plain object, so `JSON.stringify(request)`
/// shows what a 4D object would.
pub(crate) fn op_to_json(this: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let obj = this_request(this)?;
    let out = JsObject::with_object_proto(ctx.intrinsics());
    for name in [
        "dataType",
        "encoding",
        "errors",
        "headers",
        "method",
        "protocol",
        "response",
        "returnResponseBody",
        "terminated",
        "timeout",
        "url",
    ] {
        let key = PropertyKey::from(JsString::from(name));
        let v = obj.get(key.clone(), ctx)?;
        if !v.is_undefined() {
            out.create_data_property_or_throw(key, v, ctx)?;
        }
    }
    Ok(out.into())
}
