//! Embedding jsrun in a Rust program: a custom native module, a script, and
//! values coming back as serde_json.
//!
//! Run with: `cargo run -p jsrun-runtime --example embed`

use std::rc::Rc;

use jsrun_runtime::boa_engine::object::{JsObject, ObjectInitializer};
use jsrun_runtime::boa_engine::{js_string, Context, JsResult, JsValue, NativeFunction};
use jsrun_runtime::{CaptureConsole, Host, NativeModule, Runtime, Stream};

/// A host module: `require("inventory")` gives `{ count(item), restock(item, n) }`,
/// `restock` being asynchronous (it waits on a tokio timer, as real I/O would).
struct Inventory;

fn count(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let item = args
        .first()
        .cloned()
        .unwrap_or_default()
        .to_string(ctx)?
        .to_std_string_escaped();
    Ok(JsValue::from(if item == "apples" { 12 } else { 0 }))
}

fn restock(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let n = args.get(1).cloned().unwrap_or_default().to_i32(ctx)?;
    let (promise, resolvers) =
        jsrun_runtime::boa_engine::object::builtins::JsPromise::new_pending(ctx);
    let host = Host::get(ctx)?;
    let done = host.completer();
    host.spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        done.complete(move |ctx| {
            resolvers
                .resolve
                .call(&JsValue::undefined(), &[JsValue::from(n + 12)], ctx)?;
            Ok(())
        });
    });
    Ok(promise.into())
}

impl NativeModule for Inventory {
    fn specifiers(&self) -> &[&'static str] {
        &["inventory"]
    }

    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        Ok(ObjectInitializer::new(ctx)
            .function(NativeFunction::from_fn_ptr(count), js_string!("count"), 1)
            .function(
                NativeFunction::from_fn_ptr(restock),
                js_string!("restock"),
                2,
            )
            .build())
    }
}

fn main() -> Result<(), jsrun_runtime::Error> {
    let console = Rc::new(CaptureConsole::default());
    let mut rt = Runtime::builder()
        .module(Inventory)
        .console(console.clone())
        .build()?;

    // A synchronous value.
    let total = rt.eval(r#"require("inventory").count("apples") * 2"#)?;
    println!("eval → {total}");

    // A global function awaited from Rust: the event loop runs until the promise settles.
    rt.eval(
        r#"
        globalThis.restockAll = async (items) => {
            const inv = require("inventory");
            const out = {};
            for (const item of items) out[item] = await inv.restock(item, 5);
            console.log("restocked", Object.keys(out).length, "items");
            return out;
        };
        "#,
    )?;
    let restocked = rt.call("restockAll", &[serde_json::json!(["apples", "pears"])])?;
    println!("call → {restocked}");

    // A JS error comes back as a Rust error with the message and stack.
    if let Err(e) = rt.eval("(function broken() { throw new RangeError('out of stock') })()") {
        println!("error → {}", e.message().lines().next().unwrap_or_default());
    }

    rt.run_until_idle().ok();
    for (stream, line) in console.lines() {
        println!(
            "console ({}) → {line}",
            if stream == Stream::Stdout {
                "stdout"
            } else {
                "stderr"
            }
        );
    }
    Ok(())
}
