//! The embedding API: values in and out, errors as Rust types, host modules.

use std::rc::Rc;

use jsrun_runtime::boa_engine::object::{JsObject, ObjectInitializer};
use jsrun_runtime::boa_engine::{js_string, Context, JsResult, JsString, JsValue, NativeFunction};
use jsrun_runtime::{eval_facade_object, CaptureConsole, ErrorKind, NativeModule, Runtime, Stream};
use serde_json::json;

fn runtime() -> Runtime {
    Runtime::builder()
        .build()
        .unwrap_or_else(|e| panic!("build: {e}"))
}

#[test]
fn eval_returns_json_values() {
    let mut rt = runtime();
    assert_eq!(
        rt.eval("({ a: [1, 'x', true, null] })").ok(),
        Some(json!({ "a": [1, "x", true, null] }))
    );
    assert_eq!(rt.eval("undefined").ok(), Some(json!(null)));
    assert_eq!(
        rt.eval("Promise.resolve(41).then(x => x + 1)").ok(),
        Some(json!(42))
    );
    assert_eq!(
        rt.eval("new Promise(r => setTimeout(() => r('later'), 10))")
            .ok(),
        Some(json!("later"))
    );
}

#[test]
fn errors_come_back_with_message_and_stack() {
    let mut rt = runtime();
    let e = rt
        .eval("function thrower() { throw new TypeError('bad thing') }\nthrower()")
        .err();
    let e = e.unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(e.kind(), ErrorKind::Js);
    assert!(
        e.message().starts_with("TypeError: bad thing"),
        "{}",
        e.message()
    );
    assert!(
        e.message().contains("at thrower (<eval>:1:"),
        "{}",
        e.message()
    );
    let e = rt
        .eval("let = ;")
        .err()
        .unwrap_or_else(|| panic!("expected a syntax error"));
    assert_eq!(e.kind(), ErrorKind::Syntax);
    let e = rt
        .eval("Promise.reject(new Error('rejected'))")
        .err()
        .unwrap_or_else(|| panic!("expected rejection"));
    assert!(
        e.message().starts_with("Error: rejected"),
        "{}",
        e.message()
    );
    let e = rt
        .eval("({ big: 10n })")
        .err()
        .unwrap_or_else(|| panic!("BigInt has no JSON form"));
    assert_eq!(e.kind(), ErrorKind::Conversion);
}

#[test]
fn call_converts_arguments_and_awaits() {
    let mut rt = runtime();
    rt.eval("globalThis.sum = async (xs) => xs.reduce((a, b) => a + b, 0)")
        .ok();
    assert_eq!(rt.call("sum", &[json!([1, 2, 3])]).ok(), Some(json!(6)));
    let e = rt
        .call("nope", &[])
        .err()
        .unwrap_or_else(|| panic!("expected an error"));
    assert!(e.message().contains("nope is not a function"));
}

struct Greeter;

fn hello(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let who = args.first().cloned().unwrap_or_default().to_string(ctx)?;
    Ok(JsString::from(format!("hello {}", who.to_std_string_escaped()).as_str()).into())
}

impl NativeModule for Greeter {
    fn specifiers(&self) -> &[&'static str] {
        &["greeter", "@host/greeter"]
    }
    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        let ops = ObjectInitializer::new(ctx)
            .function(
                NativeFunction::from_fn_ptr(hello),
                js_string!("op_greeter_hello"),
                1,
            )
            .build();
        eval_facade_object(
            ctx,
            "greeter",
            "const hello = ops.op_greeter_hello;\nexports.greet = (w) => hello(w).toUpperCase();\nexports.kind = 'facade';",
            ops,
        )
    }
}

#[test]
fn host_modules_register_through_the_same_registry() {
    let mut rt = Runtime::builder()
        .module(Greeter)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        rt.eval("require('greeter').greet('ann')").ok(),
        Some(json!("HELLO ANN"))
    );
    assert_eq!(
        rt.eval("require('@host/greeter') === require('greeter')")
            .ok(),
        Some(json!(true))
    );
    let v = rt
        .eval("import('@host/greeter').then(m => [m.greet('bo'), m.default.kind, m.kind])")
        .ok();
    assert_eq!(v, Some(json!(["HELLO BO", "facade", "facade"])));
}

#[test]
fn console_output_can_be_captured() {
    let console = Rc::new(CaptureConsole::default());
    let mut rt = Runtime::builder()
        .console(console.clone())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    rt.eval("console.log('out', 1); console.error('err'); setTimeout(() => { throw new Error('late') }, 1)").ok();
    let r = rt.run_until_idle();
    assert_eq!(r.err().map(|e| e.kind()), Some(ErrorKind::Failed));
    let lines = console.lines();
    assert_eq!(lines[0], (Stream::Stdout, "out 1".to_owned()));
    assert_eq!(lines[1], (Stream::Stderr, "err".to_owned()));
    assert!(lines[2].1.starts_with("Uncaught Error: late"), "{lines:?}");
    assert_eq!(rt.exit_code(), 1);
}

#[test]
fn run_file_reports_missing_scripts() {
    let mut rt = runtime();
    let e = rt
        .run_file("/no/such/script.js")
        .err()
        .unwrap_or_else(|| panic!("expected NotFound"));
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.exit_code(), 2);
}
