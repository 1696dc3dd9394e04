//! `console`: node-style formatting, written to a [`ConsoleSink`].
//!
//! Primitives are formatted here in Rust; objects go through the JS inspector
//! (`js-lib/internal/inspect.js`), compiled the first time an object is logged
//! so that start-up pays nothing for it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::time::Instant;

use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{js_string, Context, JsResult, JsValue, JsVariant, NativeFunction};

use crate::host::Host;
use crate::internal;

/// Which stream a console line goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// `console.log`, `info`, `debug`, `dir`, `table`, `group`…
    Stdout,
    /// `console.error`, `warn`, `trace`, failed `assert`, and uncaught errors.
    Stderr,
}

/// Where console output goes. The CLI writes to the process streams; an
/// embedding host may capture lines instead.
pub trait ConsoleSink {
    /// Writes one line (without its trailing newline).
    fn write(&self, stream: Stream, line: &str);

    /// Writes text as is (`process.stdout.write`). Default: as one line,
    /// without a trailing newline of its own.
    fn write_raw(&self, stream: Stream, text: &str) {
        self.write(stream, text.strip_suffix('\n').unwrap_or(text));
    }
}

/// Writes to the process's stdout and stderr.
#[derive(Debug, Default)]
pub struct StdConsole;

impl ConsoleSink for StdConsole {
    fn write(&self, stream: Stream, line: &str) {
        write_std(stream, line.as_bytes(), true);
    }

    fn write_raw(&self, stream: Stream, text: &str) {
        write_std(stream, text.as_bytes(), false);
    }
}

fn write_std(stream: Stream, bytes: &[u8], newline: bool) {
    // A closed pipe (`jsrun x.js | head`) must not panic: ignore write errors.
    let mut out: Box<dyn Write> = match stream {
        Stream::Stdout => Box::new(std::io::stdout().lock()),
        Stream::Stderr => Box::new(std::io::stderr().lock()),
    };
    let _ = out.write_all(bytes);
    if newline {
        let _ = out.write_all(b"\n");
    }
}

/// Collects lines in memory (tests and embedders).
#[derive(Debug, Default)]
pub struct CaptureConsole {
    lines: RefCell<Vec<(Stream, String)>>,
}

impl CaptureConsole {
    /// The lines written so far.
    pub fn lines(&self) -> Vec<(Stream, String)> {
        self.lines.borrow().clone()
    }
}

impl ConsoleSink for CaptureConsole {
    fn write(&self, stream: Stream, line: &str) {
        self.lines.borrow_mut().push((stream, line.to_owned()));
    }
}

/// Console state kept in the context: group indentation, counters, timers.
#[derive(Default)]
struct ConsoleState {
    indent: usize,
    counts: HashMap<String, u64>,
    timers: HashMap<String, Instant>,
}

fn with_state<R>(ctx: &mut Context, f: impl FnOnce(&mut ConsoleState) -> R) -> R {
    if !ctx.has_data::<RefCell<ConsoleState>>() {
        ctx.insert_data(RefCell::new(ConsoleState::default()));
    }
    match ctx.get_data::<RefCell<ConsoleState>>() {
        Some(state) => f(&mut state.borrow_mut()),
        None => f(&mut ConsoleState::default()),
    }
}

fn emit(ctx: &mut Context, stream: Stream, text: &str) -> JsResult<()> {
    let host = Host::get(ctx)?;
    let indent = with_state(ctx, |s| s.indent);
    if indent == 0 {
        for line in text.split('\n') {
            host.console.write(stream, line);
        }
    } else {
        let pad = " ".repeat(indent);
        for line in text.split('\n') {
            host.console.write(stream, &format!("{pad}{line}"));
        }
    }
    Ok(())
}

/// Formats `args` as node's `util.format` does: `%s %d %i %f %j %o %O %c %%`
/// in a leading string, the rest joined with spaces, objects inspected.
pub fn format_args(args: &[JsValue], ctx: &mut Context) -> JsResult<String> {
    let mut out = String::new();
    let mut rest = 0;
    if let Some(JsVariant::String(first)) = args.first().map(JsValue::variant) {
        let fmt = first.to_std_string_escaped();
        rest = 1;
        if fmt.contains('%') && args.len() > 1 {
            let mut chars = fmt.chars().peekable();
            while let Some(c) = chars.next() {
                if c != '%' {
                    out.push(c);
                    continue;
                }
                let Some(&spec) = chars.peek() else {
                    out.push('%');
                    break;
                };
                if spec == '%' {
                    chars.next();
                    out.push('%');
                    continue;
                }
                if !matches!(spec, 's' | 'd' | 'i' | 'f' | 'j' | 'o' | 'O' | 'c')
                    || rest >= args.len()
                {
                    out.push('%');
                    continue;
                }
                chars.next();
                let arg = &args[rest];
                rest += 1;
                match spec {
                    's' => match arg.variant() {
                        JsVariant::String(s) => out.push_str(&s.to_std_string_escaped()),
                        JsVariant::Object(_) => out.push_str(&internal::inspect(arg, 1, ctx)?),
                        _ => out.push_str(&primitive(arg, ctx)?),
                    },
                    // A bigint prints as itself (`10n`); a symbol, which has no
                    // number, is NaN, as in node.
                    'd' | 'i' if arg.is_bigint() => {
                        out.push_str(&arg.to_string(ctx)?.to_std_string_lossy());
                        out.push('n');
                    }
                    'd' | 'i' => {
                        let n = if arg.is_object() || arg.is_symbol() {
                            f64::NAN
                        } else {
                            arg.to_number(ctx)?
                        };
                        let n = if spec == 'i' { n.trunc() } else { n };
                        out.push_str(&number(n));
                    }
                    'f' => {
                        let n = if arg.is_symbol() {
                            f64::NAN
                        } else if arg.is_bigint() {
                            let text = arg.to_string(ctx)?.to_std_string_lossy();
                            text.parse().unwrap_or(f64::NAN)
                        } else {
                            arg.to_number(ctx)?
                        };
                        out.push_str(&number(n));
                    }
                    'j' => match arg.to_json(ctx) {
                        Ok(Some(v)) => out.push_str(&v.to_string()),
                        Ok(None) => out.push_str("undefined"),
                        Err(_) => out.push_str("[Circular]"),
                    },
                    'o' | 'O' => out.push_str(&internal::inspect(arg, 4, ctx)?),
                    _ => {} // %c: CSS, ignored outside browsers
                }
            }
        } else {
            out.push_str(&fmt);
        }
    }
    for arg in &args[rest.min(args.len())..] {
        if !out.is_empty() || rest > 0 {
            out.push(' ');
        }
        match arg.variant() {
            JsVariant::String(s) => out.push_str(&s.to_std_string_escaped()),
            JsVariant::Object(_) => out.push_str(&internal::inspect(arg, 2, ctx)?),
            _ => out.push_str(&primitive(arg, ctx)?),
        }
        rest = 1;
    }
    Ok(out)
}

/// A JS number as JS prints it (`1`, `1.5`, `-0`, `NaN`, `1e+21`).
pub(crate) fn number(n: f64) -> String {
    if n == 0.0 && n.is_sign_negative() {
        return "-0".into();
    }
    JsValue::new(n).display().to_string()
}

fn primitive(v: &JsValue, ctx: &mut Context) -> JsResult<String> {
    Ok(match v.variant() {
        JsVariant::Float64(n) => number(n),
        JsVariant::Integer32(i) => i.to_string(),
        JsVariant::BigInt(b) => format!("{b}n"),
        JsVariant::Symbol(s) => s.descriptive_string().to_std_string_escaped(),
        _ => v.to_string(ctx)?.to_std_string_escaped(),
    })
}

fn log_to(
    stream: Stream,
) -> impl Fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue> + Copy {
    move |_, args, ctx| {
        let text = format_args(args, ctx)?;
        emit(ctx, stream, &text)?;
        Ok(JsValue::undefined())
    }
}

fn label(args: &[JsValue], ctx: &mut Context) -> JsResult<String> {
    match args.first() {
        Some(v) if !v.is_undefined() => Ok(v.to_string(ctx)?.to_std_string_escaped()),
        _ => Ok("default".into()),
    }
}

/// Installs `globalThis.console`.
pub(crate) fn register(ctx: &mut Context) -> JsResult<()> {
    let out = log_to(Stream::Stdout);
    let err = log_to(Stream::Stderr);
    let console = ObjectInitializer::new(ctx)
        .function(NativeFunction::from_copy_closure(out), js_string!("log"), 0)
        .function(
            NativeFunction::from_copy_closure(out),
            js_string!("info"),
            0,
        )
        .function(
            NativeFunction::from_copy_closure(out),
            js_string!("debug"),
            0,
        )
        .function(
            NativeFunction::from_copy_closure(err),
            js_string!("error"),
            0,
        )
        .function(
            NativeFunction::from_copy_closure(err),
            js_string!("warn"),
            0,
        )
        .function(
            NativeFunction::from_fn_ptr(console_trace),
            js_string!("trace"),
            0,
        )
        .function(
            NativeFunction::from_fn_ptr(console_assert),
            js_string!("assert"),
            0,
        )
        .function(
            NativeFunction::from_fn_ptr(console_dir),
            js_string!("dir"),
            0,
        )
        .function(
            NativeFunction::from_fn_ptr(console_dir),
            js_string!("table"),
            0,
        )
        .function(
            NativeFunction::from_fn_ptr(console_group),
            js_string!("group"),
            0,
        )
        .function(
            NativeFunction::from_fn_ptr(console_group),
            js_string!("groupCollapsed"),
            0,
        )
        .function(
            NativeFunction::from_fn_ptr(console_group_end),
            js_string!("groupEnd"),
            0,
        )
        .function(
            NativeFunction::from_fn_ptr(console_count),
            js_string!("count"),
            0,
        )
        .function(
            NativeFunction::from_fn_ptr(console_count_reset),
            js_string!("countReset"),
            0,
        )
        .function(
            NativeFunction::from_fn_ptr(console_time),
            js_string!("time"),
            0,
        )
        .function(
            NativeFunction::from_fn_ptr(console_time_log),
            js_string!("timeLog"),
            0,
        )
        .function(
            NativeFunction::from_fn_ptr(console_time_end),
            js_string!("timeEnd"),
            0,
        )
        .build();
    ctx.register_global_property(
        js_string!("console"),
        console,
        Attribute::WRITABLE | Attribute::CONFIGURABLE,
    )?;
    Ok(())
}

fn console_trace(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let mut text = format!("Trace: {}", format_args(args, ctx)?);
    let frames: Vec<String> = ctx
        .stack_trace()
        .map(|frame| frame.code_block().name().to_std_string_escaped())
        .collect();
    for name in frames {
        let name = if name.is_empty() {
            "<main>".to_owned()
        } else {
            name
        };
        text.push_str(&format!("\n    at {name}"));
    }
    emit(ctx, Stream::Stderr, &text)?;
    Ok(JsValue::undefined())
}

fn console_assert(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    if args.first().is_some_and(JsValue::to_boolean) {
        return Ok(JsValue::undefined());
    }
    let rest = args.get(1..).unwrap_or(&[]);
    let text = if rest.is_empty() {
        "Assertion failed".to_owned()
    } else {
        format!("Assertion failed: {}", format_args(rest, ctx)?)
    };
    emit(ctx, Stream::Stderr, &text)?;
    Ok(JsValue::undefined())
}

fn console_dir(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let v = args.first().cloned().unwrap_or_default();
    let text = match v.variant() {
        JsVariant::String(_) => internal::inspect(&v, 2, ctx)?,
        _ => format_args(&[v], ctx)?,
    };
    emit(ctx, Stream::Stdout, &text)?;
    Ok(JsValue::undefined())
}

fn console_group(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    if !args.is_empty() {
        let text = format_args(args, ctx)?;
        emit(ctx, Stream::Stdout, &text)?;
    }
    with_state(ctx, |s| s.indent += 2);
    Ok(JsValue::undefined())
}

fn console_group_end(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    with_state(ctx, |s| s.indent = s.indent.saturating_sub(2));
    Ok(JsValue::undefined())
}

fn console_count(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let label = label(args, ctx)?;
    let n = with_state(ctx, |s| {
        let c = s.counts.entry(label.clone()).or_insert(0);
        *c += 1;
        *c
    });
    emit(ctx, Stream::Stdout, &format!("{label}: {n}"))?;
    Ok(JsValue::undefined())
}

fn console_count_reset(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let label = label(args, ctx)?;
    with_state(ctx, |s| s.counts.remove(&label));
    Ok(JsValue::undefined())
}

fn console_time(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let label = label(args, ctx)?;
    with_state(ctx, |s| s.timers.insert(label, Instant::now()));
    Ok(JsValue::undefined())
}

fn elapsed_line(label: &str, start: Option<Instant>) -> String {
    match start {
        Some(t) => format!("{label}: {:.3}ms", t.elapsed().as_secs_f64() * 1000.0),
        None => format!("Warning: No such label '{label}'"),
    }
}

fn console_time_log(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let label = label(args, ctx)?;
    let start = with_state(ctx, |s| s.timers.get(&label).copied());
    emit(ctx, Stream::Stdout, &elapsed_line(&label, start))?;
    Ok(JsValue::undefined())
}

fn console_time_end(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let label = label(args, ctx)?;
    let start = with_state(ctx, |s| s.timers.remove(&label));
    emit(ctx, Stream::Stdout, &elapsed_line(&label, start))?;
    Ok(JsValue::undefined())
}
