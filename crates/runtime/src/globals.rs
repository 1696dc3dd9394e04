//! Globals beyond the language: `process`, `performance`, `require`, the
//! WinterTC pieces boa_runtime provides, and a lazily compiled
//! `URLSearchParams`.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use boa_engine::object::builtins::JsFunction;
use boa_engine::object::{FunctionObjectBuilder, JsObject, ObjectInitializer};
use boa_engine::property::{Attribute, PropertyDescriptor};
use boa_engine::{
    js_string, Context, JsError, JsNativeError, JsResult, JsString, JsValue, NativeFunction, Source,
};
use boa_runtime::extensions::{
    Base64Extension, MicrotaskExtension, StructuredCloneExtension, TimeoutExtension,
};
use boa_runtime::RuntimeExtension;

use crate::event_loop::EXIT_MARKER;
use crate::host::Host;

mod encoding;
mod lazy;

const URL_JS: &str = include_str!("../../../js-lib/internal/url.js");

/// When the runtime started: `performance.now()` counts from here.
pub(crate) struct Epoch(pub(crate) Instant, pub(crate) f64);

pub(crate) fn register(ctx: &mut Context) -> JsResult<()> {
    (TimeoutExtension, MicrotaskExtension).register(None, ctx)?;
    lazy::register(lazy::Group::Encoding, ctx)?;
    (Base64Extension, StructuredCloneExtension).register(None, ctx)?;
    lazy::register(lazy::Group::Url, ctx)?;
    crate::console::register(ctx)?;
    let origin = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0);
    ctx.insert_data(Epoch(Instant::now(), origin));
    register_performance(ctx)?;
    register_process(ctx)?;
    register_lazy_url_search_params(ctx)?;
    let require = crate::modules::require::make_require(ctx, None);
    ctx.register_global_property(
        js_string!("require"),
        require,
        Attribute::WRITABLE | Attribute::CONFIGURABLE,
    )?;
    let global = ctx.global_object();
    ctx.register_global_property(
        js_string!("global"),
        global,
        Attribute::WRITABLE | Attribute::CONFIGURABLE,
    )?;
    Ok(())
}

fn now_ms(ctx: &Context) -> f64 {
    ctx.get_data::<Epoch>()
        .map_or(0.0, |e| e.0.elapsed().as_secs_f64() * 1000.0)
}

fn register_performance(ctx: &mut Context) -> JsResult<()> {
    let origin = ctx.get_data::<Epoch>().map_or(0.0, |e| e.1);
    let perf = ObjectInitializer::new(ctx)
        .function(
            NativeFunction::from_fn_ptr(|_, _, ctx| Ok(now_ms(ctx).into())),
            js_string!("now"),
            0,
        )
        .property(
            js_string!("timeOrigin"),
            origin,
            Attribute::READONLY | Attribute::ENUMERABLE,
        )
        .build();
    ctx.register_global_property(
        js_string!("performance"),
        perf,
        Attribute::WRITABLE | Attribute::CONFIGURABLE,
    )
}

fn func(ctx: &mut Context, f: NativeFunction, name: JsString, len: usize) -> JsFunction {
    FunctionObjectBuilder::new(ctx.realm(), f)
        .name(name)
        .length(len)
        .build()
}

fn register_process(ctx: &mut Context) -> JsResult<()> {
    let host = Host::get(ctx)?;
    let info = host.script_info();
    let exe = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "jsrun".into());
    let mut argv: Vec<JsValue> = vec![JsString::from(exe.as_str()).into()];
    if let Some(main) = &info.main {
        argv.push(JsString::from(main.to_string_lossy().as_ref()).into());
    }
    argv.extend(
        info.args
            .iter()
            .map(|a| JsValue::from(JsString::from(a.as_str()))),
    );
    let argv = boa_engine::object::builtins::JsArray::from_iter(argv, ctx);

    let (env_get, env_set) = lazy::value_accessors(ctx, "env", read_env);
    let versions = ObjectInitializer::new(ctx)
        .property(
            js_string!("jsrun"),
            JsString::from(env!("CARGO_PKG_VERSION")),
            Attribute::all(),
        )
        .property(js_string!("boa"), js_string!("0.22.0"), Attribute::all())
        .build();

    let exit_code_get = func(
        ctx,
        NativeFunction::from_fn_ptr(exit_code_get),
        js_string!("get exitCode"),
        0,
    );
    let exit_code_set = func(
        ctx,
        NativeFunction::from_fn_ptr(exit_code_set),
        js_string!("set exitCode"),
        1,
    );
    let hrtime = func(
        ctx,
        NativeFunction::from_fn_ptr(hrtime),
        js_string!("hrtime"),
        1,
    );
    let bigint = func(
        ctx,
        NativeFunction::from_fn_ptr(hrtime_bigint),
        js_string!("bigint"),
        0,
    );
    hrtime.set(js_string!("bigint"), bigint, false, ctx)?;
    let stdout = stream_object(ctx, false);
    let stderr = stream_object(ctx, true);

    let process = ObjectInitializer::new(ctx)
        .property(js_string!("argv"), argv, Attribute::all())
        .accessor(
            js_string!("env"),
            Some(env_get),
            Some(env_set),
            Attribute::ENUMERABLE | Attribute::CONFIGURABLE,
        )
        .property(
            js_string!("platform"),
            JsString::from(std::env::consts::OS),
            Attribute::all(),
        )
        .property(js_string!("arch"), JsString::from(arch()), Attribute::all())
        .property(js_string!("pid"), std::process::id(), Attribute::all())
        .property(
            js_string!("version"),
            JsString::from(concat!("v", env!("CARGO_PKG_VERSION"))),
            Attribute::all(),
        )
        .property(js_string!("versions"), versions, Attribute::all())
        .property(js_string!("hrtime"), hrtime, Attribute::all())
        .property(js_string!("stdout"), stdout, Attribute::all())
        .property(js_string!("stderr"), stderr, Attribute::all())
        .accessor(
            js_string!("exitCode"),
            Some(exit_code_get),
            Some(exit_code_set),
            Attribute::ENUMERABLE | Attribute::CONFIGURABLE,
        )
        .function(NativeFunction::from_fn_ptr(exit), js_string!("exit"), 1)
        .function(NativeFunction::from_fn_ptr(cwd), js_string!("cwd"), 0)
        .function(
            NativeFunction::from_fn_ptr(next_tick),
            js_string!("nextTick"),
            1,
        )
        .function(
            NativeFunction::from_fn_ptr(memory_usage),
            js_string!("memoryUsage"),
            0,
        )
        .function(
            NativeFunction::from_fn_ptr(|this, _, _| Ok(this.clone())),
            js_string!("on"),
            2,
        )
        .function(
            NativeFunction::from_fn_ptr(|this, _, _| Ok(this.clone())),
            js_string!("once"),
            2,
        )
        .function(
            NativeFunction::from_fn_ptr(|this, _, _| Ok(this.clone())),
            js_string!("off"),
            2,
        )
        .build();
    ctx.register_global_property(
        js_string!("process"),
        process,
        Attribute::WRITABLE | Attribute::CONFIGURABLE,
    )
}

/// `process.env`: copied from the environment the first time it is read (most
/// scripts never read it, and a CI environment has hundreds of variables).
fn read_env(ctx: &mut Context) -> JsResult<JsValue> {
    let env = JsObject::with_object_proto(ctx.intrinsics());
    for (k, v) in std::env::vars_os() {
        let (k, v) = (k.to_string_lossy(), v.to_string_lossy());
        env.set(
            JsString::from(k.as_ref()),
            JsString::from(v.as_ref()),
            false,
            ctx,
        )?;
    }
    Ok(env.into())
}

fn arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    }
}

fn stream_object(ctx: &mut Context, err: bool) -> JsObject {
    let write = if err {
        NativeFunction::from_fn_ptr(|_, args, ctx| {
            write_stream(args, ctx, crate::console::Stream::Stderr)
        })
    } else {
        NativeFunction::from_fn_ptr(|_, args, ctx| {
            write_stream(args, ctx, crate::console::Stream::Stdout)
        })
    };
    ObjectInitializer::new(ctx)
        .function(write, js_string!("write"), 1)
        .property(js_string!("isTTY"), false, Attribute::all())
        .build()
}

fn write_stream(
    args: &[JsValue],
    ctx: &mut Context,
    stream: crate::console::Stream,
) -> JsResult<JsValue> {
    let host = Host::get(ctx)?;
    let text = match args.first() {
        Some(v) => v.to_string(ctx)?.to_std_string_escaped(),
        None => String::new(),
    };
    host.console.write_raw(stream, &text);
    Ok(true.into())
}

fn exit_code_get(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let host = Host::get(ctx)?;
    Ok(host
        .exit_code
        .get()
        .map_or(JsValue::undefined(), JsValue::from))
}

fn exit_code_set(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let host = Host::get(ctx)?;
    let v = args.first().cloned().unwrap_or_default();
    host.exit_code.set(exit_code_of(&v, ctx)?);
    Ok(JsValue::undefined())
}

/// An exit code as node takes it: `undefined` or `null` (none), an integer,
/// or a string holding one; anything else is a `TypeError`, a fraction a
/// `RangeError`. The process exits with the code modulo 256 (`-1` is 255).
fn exit_code_of(v: &JsValue, ctx: &mut Context) -> JsResult<Option<i32>> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    let n = if let Some(n) = v.as_number() {
        n
    } else if let Some(s) = v.as_string() {
        let text = s.to_std_string_lossy();
        match text.trim().parse::<i64>() {
            Ok(n) if !text.trim().is_empty() => n as f64,
            _ => {
                return Err(JsNativeError::typ()
                    .with_message(format!(
                        "the exit code must be an integer, not the string {text:?}"
                    ))
                    .into())
            }
        }
    } else {
        return Err(JsNativeError::typ()
            .with_message(format!(
                "the exit code must be an integer, not {}",
                v.type_of()
            ))
            .into());
    };
    if !n.is_finite() || n.fract() != 0.0 {
        return Err(JsNativeError::range()
            .with_message(format!("the exit code must be an integer, not {n}"))
            .into());
    }
    Ok(Some(JsValue::from(n).to_i32(ctx)?))
}

/// `process.exit(code)`: stops the script at once. It throws an error no JS
/// `catch` can intercept; the loop recognises it and ends the run.
fn exit(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let host = Host::get(ctx)?;
    if let Some(code) = exit_code_of(&args.first().cloned().unwrap_or_default(), ctx)? {
        host.exit_code.set(Some(code));
    }
    host.exit_requested.set(true);
    Err(JsError::from(boa_engine::error::PanicError::new(
        EXIT_MARKER,
    )))
}

fn cwd(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let dir = std::env::current_dir()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(JsString::from(dir.as_str()).into())
}

fn next_tick(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let Some(f) = args
        .first()
        .and_then(JsValue::as_callable)
        .and_then(|o| JsFunction::from_object(o.clone()))
    else {
        return Err(boa_engine::JsNativeError::typ()
            .with_message("The \"callback\" argument must be of type function")
            .into());
    };
    let rest = args.get(1..).unwrap_or(&[]).to_vec();
    ctx.enqueue_job(
        boa_engine::job::PromiseJob::new(move |ctx| f.call(&JsValue::undefined(), &rest, ctx))
            .into(),
    );
    Ok(JsValue::undefined())
}

fn hrtime(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let ns = (now_ms(ctx) * 1e6) as u64;
    let (mut s, mut n) = ((ns / 1_000_000_000) as f64, (ns % 1_000_000_000) as f64);
    if let Some(prev) = args.first().and_then(JsValue::as_object) {
        let ps = prev.get(0, ctx)?.to_number(ctx)?;
        let pn = prev.get(1, ctx)?.to_number(ctx)?;
        s -= ps;
        n -= pn;
        if n < 0.0 {
            s -= 1.0;
            n += 1e9;
        }
    }
    Ok(
        boa_engine::object::builtins::JsArray::from_iter([JsValue::from(s), JsValue::from(n)], ctx)
            .into(),
    )
}

fn hrtime_bigint(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let ns = (now_ms(ctx) * 1e6) as i64;
    Ok(JsValue::from(boa_engine::JsBigInt::new(ns)))
}

fn memory_usage(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    // /proc/self/statm: size resident … in pages.
    let rss = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<f64>().ok())
        })
        .map_or(0.0, |pages| pages * 4096.0);
    Ok(ObjectInitializer::new(ctx)
        .property(js_string!("rss"), rss, Attribute::all())
        .build()
        .into())
}

/// `URLSearchParams` (and `URL.prototype.searchParams`) are compiled from JS
/// the first time either is touched, so start-up does not pay for them.
/// (`URL.prototype.searchParams` is patched when `URL` itself is set up, see
/// [`patch_search_params`].)
fn register_lazy_url_search_params(ctx: &mut Context) -> JsResult<()> {
    let (getter, setter) = lazy::value_accessors(ctx, "URLSearchParams", url_search_params_class);
    ctx.global_object().define_property_or_throw(
        js_string!("URLSearchParams"),
        PropertyDescriptor::builder()
            .get(getter)
            .set(setter)
            .enumerable(false)
            .configurable(true),
        ctx,
    )?;
    Ok(())
}

/// URL.prototype.searchParams: Boa's throws "not implemented". Run when the
/// URL class is registered.
fn patch_search_params(ctx: &mut Context) -> JsResult<()> {
    let url = ctx.global_object().get(js_string!("URL"), ctx)?;
    if let Some(url) = url.as_object() {
        let proto = url.get(js_string!("prototype"), ctx)?;
        if let Some(proto) = proto.as_object() {
            let getter = func(
                ctx,
                NativeFunction::from_fn_ptr(|this, _, ctx| {
                    // The class, not the global: a script may have assigned
                    // something else to `URLSearchParams`.
                    url_search_params_class(ctx)?;
                    // The JS side has replaced this accessor: read again.
                    match this.as_object() {
                        Some(o) => o.get(js_string!("searchParams"), ctx),
                        None => Ok(JsValue::undefined()),
                    }
                }),
                js_string!("get searchParams"),
                0,
            );
            proto.define_property_or_throw(
                js_string!("searchParams"),
                PropertyDescriptor::builder()
                    .get(getter)
                    .enumerable(true)
                    .configurable(true),
                ctx,
            )?;
        }
    }
    Ok(())
}

struct UrlSearchParamsClass(JsValue);

/// The `URLSearchParams` class of `js-lib/internal/url.js`, compiled once.
fn url_search_params_class(ctx: &mut Context) -> JsResult<JsValue> {
    if let Some(c) = ctx.get_data::<UrlSearchParamsClass>() {
        return Ok(c.0.clone());
    }
    let url = ctx.global_object().get(js_string!("URL"), ctx)?;
    let wrapped = format!("(function (URL, utf8Decode) {{{URL_JS}\n}})");
    let f = ctx.eval(
        Source::from_bytes(wrapped.as_bytes())
            .with_path(std::path::Path::new("jsrun:internal/url.js")),
    )?;
    let class = match f.as_callable() {
        Some(f) => {
            let decode = func(
                ctx,
                NativeFunction::from_fn_ptr(encoding::utf8_decode),
                js_string!("utf8Decode"),
                1,
            );
            f.clone()
                .call(&JsValue::undefined(), &[url, decode.into()], ctx)?
        }
        None => JsValue::undefined(),
    };
    ctx.insert_data(UrlSearchParamsClass(class.clone()));
    Ok(class)
}
