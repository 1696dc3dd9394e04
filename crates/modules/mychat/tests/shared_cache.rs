//! The memory cache is one store for the process: what one runtime writes,
//! another runtime (on another thread) reads.

use jsrun_mychat::MyChat;
use jsrun_runtime::Runtime;

fn eval_in_new_runtime(code: &'static str) -> serde_json::Value {
    std::thread::spawn(move || {
        let mut rt = Runtime::builder()
            .module(MyChat)
            .build()
            .unwrap_or_else(|e| panic!("runtime: {e}"));
        rt.eval(code).unwrap_or_else(|e| panic!("{code}: {e}"))
    })
    .join()
    .unwrap_or_else(|_| panic!("the runtime thread panicked"))
}

#[test]
fn runtimes_on_different_threads_share_the_cache() {
    let set = eval_in_new_runtime(
        r#"const m = require("mychat"); m.MemCacheSet("shared-cache-test", "written by the first runtime", 60)"#,
    );
    assert_eq!(set, serde_json::json!(true));
    let got = eval_in_new_runtime(
        r#"const m = require("mychat"); [m.MemCacheExists("shared-cache-test"), m.MemCacheGet("shared-cache-test")]"#,
    );
    assert_eq!(
        got,
        serde_json::json!([true, "written by the first runtime"])
    );
    assert!(jsrun_mychat::cache::delete("shared-cache-test"));
}

#[test]
fn rust_code_sees_what_scripts_write_and_the_reverse() {
    assert!(jsrun_mychat::cache::set(
        "from-rust",
        "hello".to_owned(),
        None
    ));
    let got = eval_in_new_runtime(
        r#"const m = require("mychat"); m.MemCacheSet("from-js", "hi"); m.MemCacheGet("from-rust")"#,
    );
    assert_eq!(got, serde_json::json!("hello"));
    assert_eq!(jsrun_mychat::cache::get("from-js").as_deref(), Some("hi"));
}
