//! The `jsrun` binary's own behaviour: exit codes, error reports, modules,
//! timers, console formatting, argument handling.

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cli")
        .join(name)
}

fn jsrun(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jsrun"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot start jsrun: {e}"))
}

fn run(name: &str, extra: &[&str]) -> (i32, String, String) {
    let path = fixture(name);
    let path = path.to_string_lossy();
    let mut args = vec![path.as_ref()];
    args.extend_from_slice(extra);
    let out = jsrun(&args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn uncaught_exception_prints_message_stack_and_position_and_exits_1() {
    let (code, out, err) = run("throw_top.js", &[]);
    assert_eq!(code, 1);
    assert!(!out.contains("not reached"));
    assert!(err.contains("Uncaught Error: boom at top"), "{err}");
    assert!(err.contains("at explode ("), "{err}");
    assert!(err.contains("throw_top.js:3:9"), "{err}");
    assert!(err.contains("throw_top.js:5:"), "{err}");
}

#[test]
fn error_in_callback_is_reported_and_other_work_still_runs() {
    let (code, out, err) = run("callback_error.js", &[]);
    assert_eq!(code, 1);
    assert!(err.contains("at failing ("), "{err}");
    assert!(err.contains("callback_error.js:3:"), "{err}");
    assert_eq!(out.trim(), "second timer still ran");
}

#[test]
fn unhandled_rejection_fails_the_run() {
    let (code, _, err) = run("unhandled.js", &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("Uncaught (in promise) TypeError: nobody handles me"),
        "{err}"
    );
    assert!(err.contains("unhandled.js:3:"), "{err}");
}

#[test]
fn rejection_handled_in_the_same_turn_is_fine() {
    let (code, out, err) = run("handled.js", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "caught: handled");
}

#[test]
fn syntax_errors_show_file_line_and_column() {
    let (code, _, err) = run("syntax.js", &[]);
    assert_eq!(code, 1);
    assert!(err.contains("SyntaxError"), "{err}");
    assert!(err.contains("syntax.js:2:16"), "{err}");
    let (code, _, err) = run("syntax.mjs", &[]);
    assert_eq!(code, 1);
    assert!(err.contains("syntax.mjs:2:12"), "{err}");
}

#[test]
fn missing_script_exits_2_with_a_clear_message() {
    let out = jsrun(&["/definitely/not/here.js"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot find script") && err.contains("/definitely/not/here.js"),
        "{err}"
    );
}

#[test]
fn argument_errors_exit_2() {
    for args in [
        &[][..],
        &["--no-such-flag", "x.js"],
        &["eval"],
        &["--connect-to", "nonsense", "x.js"],
    ] {
        let out = jsrun(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("usage: jsrun"),
            "{args:?}"
        );
    }
}

#[test]
fn help_and_version() {
    let out = jsrun(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("--connect-to"));
    let out = jsrun(&["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("jsrun {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn process_exit_stops_at_once_and_cannot_be_caught() {
    let (code, out, _) = run("exit_code.js", &[]);
    assert_eq!(code, 7);
    assert_eq!(out, "");
    let (code, out, _) = run("exit_code_prop.js", &[]);
    assert_eq!(code, 4);
    assert_eq!(out.trim(), "set exitCode");
}

#[test]
fn exit_codes_follow_node() {
    // (script, status, text expected on stderr)
    let cases = [
        ("process.exit(-1)", 255, ""),
        ("process.exitCode = -2", 254, ""),
        ("process.exit(256 + 3)", 3, ""),
        ("process.exit('4')", 4, ""),
        ("process.exit(null)", 0, ""),
        (
            "process.exit('abc')",
            1,
            "TypeError: the exit code must be an integer",
        ),
        (
            "process.exit(true)",
            1,
            "TypeError: the exit code must be an integer, not boolean",
        ),
        (
            "process.exit(1.5)",
            1,
            "RangeError: the exit code must be an integer, not 1.5",
        ),
        ("process.exitCode = 'x'", 1, "TypeError"),
    ];
    for (script, status, err) in cases {
        let out = jsrun(&["eval", script]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(status), "{script}: {stderr}");
        assert!(stderr.contains(err), "{script}: {stderr}");
    }
}

#[test]
fn deeply_nested_input_does_not_overflow_the_stack() {
    // Boa's parser and JSON.stringify recurse in Rust per level: on the main
    // thread's 8 MiB, 50 nested parentheses aborted a debug build and 500 a
    // release build (SIGABRT).
    let nested = |n: usize| format!("console.log({}1{})", "(".repeat(n), ")".repeat(n));
    let out = jsrun(&["eval", &nested(500)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1");
    // JSON.parse stops at Boa's parser limit (~600 levels) with a SyntaxError;
    // stringify has no limit of its own.
    let json = "let o = {}; for (let i = 0; i < 10000; i++) o = { o }; \
                console.log(JSON.stringify(o).length)";
    let out = jsrun(&["eval", json]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "60002");
}

#[test]
fn an_unsettled_top_level_await_warns_and_exits_13() {
    let (code, out, err) = run("unsettled_tla.mjs", &[]);
    assert_eq!(code, 13, "{err}");
    assert_eq!(out, "");
    assert!(
        err.contains("Warning: Detected unsettled top-level await in")
            && err.contains("unsettled_tla.mjs"),
        "{err}"
    );
}

#[test]
fn without_room_for_the_big_stack_scripts_run_on_the_main_thread() {
    // 400 MB of address space cannot hold the 512 MiB script stack.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 400000 && exec '{}' eval 'console.log(6 * 7)'",
            env!("CARGO_BIN_EXE_jsrun")
        ))
        .output()
        .unwrap_or_else(|e| panic!("cannot start sh: {e}"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "42");
}

#[test]
fn recursion_goes_about_as_deep_as_in_node() {
    // Boa's default limit (512 calls) broke ordinary recursive code.
    let out = jsrun(&[
        "eval",
        "function f(n) { return n ? f(n - 1) + 1 : 0 } \
         function g(n) { return n ? [n].map((x) => g(x - 1))[0] + 1 : 0 } \
         console.log(f(9000), g(3000))",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "9000 3000");
    // Past the limit: Boa's error, not a crash.
    let out = jsrun(&["eval", "function f() { return f() } f()"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("RuntimeLimitError"), "{err}");
}

#[test]
fn script_arguments_reach_process_argv() {
    let (code, out, _) = run("args.js", &["a", "b c", "--flag"]);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), r#"["a","b c","--flag"]"#);
}

#[test]
fn timers_microtasks_and_intervals_run_in_order() {
    let (code, out, err) = run("timers_order.js", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "sync,micro,qm,tick,t0,iv1,iv2,t20");
}

#[test]
fn commonjs_cycles_json_and_esm_interop() {
    let (code, out, err) = run("modules_cjs.js", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        "true false 42 5 named-export hello cjs\ntrue true"
    );
}

#[test]
fn es_modules_static_dynamic_json_and_commonjs_imports() {
    let (code, out, err) = run("modules_esm.mjs", &[]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("hello esm named-export 42 2 cjs-value true true")
    );
    let missing = lines.next().unwrap_or_default();
    assert!(
        missing.contains("'no-such-module'") && missing.contains("modules_esm.mjs"),
        "{missing}"
    );
}

#[test]
fn console_formats_like_node() {
    let (code, out, err) = run("console_format.js", &[]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Bob is 42.5 years and 3 days extra");
    assert!(
        out.contains("nested: { deep: { deeper: [Object] } }"),
        "{out}"
    );
    assert!(out.contains("list: [ 1, 'two', null, undefined ]"), "{out}");
    assert!(
        out.contains(
            "Map(1) { 'k' => 1 } Set(2) { 1, 2 } [ 1, <1 empty item>, 3 ] str 5 -0 10n Symbol(s)"
        ),
        "{out}"
    );
    assert!(out.contains("Point { x: 1, y: 2 }"), "{out}");
    assert!(out.contains("{ name: 'c', self: [Circular *1] }"), "{out}");
    assert!(
        out.contains("Uint8Array(3) [ 1, 2, 3 ]") && out.contains("Promise { 5 }"),
        "{out}"
    );
    assert!(out.contains("1970-01-01T00:00:00.000Z"), "{out}");
    // %d/%i print a bigint as itself and a symbol as NaN (it used to throw).
    assert!(lines.contains(&"10n 10n 10 NaN NaN"), "{out}");
    assert_eq!(err.trim(), "to stderr shown with stack");
}

#[test]
fn web_globals_and_process() {
    let (code, out, err) = run("globals.js", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "example.com 8443 /p/a two ?x=1&y=two&z=3+4\na=1&b=x+y a|b\nhéllo number function ok\nstring linux number function\n"
    );
}

#[test]
fn eval_prints_and_honours_exit() {
    let out = jsrun(&["eval", "console.log(6 * 7); process.exitCode = 3"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "42");
    assert_eq!(out.status.code(), Some(3));
    let out = jsrun(&["eval", "require('nope')"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Cannot find module 'nope'"));
}

/// CPU time (user + system) of finished children, from getrusage via /proc is
/// not portable; `/usr/bin/time` is not always installed. We read the
/// child's own accounting from `/proc/<pid>/stat` just before it exits.
#[test]
fn waiting_on_a_timer_uses_no_cpu() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_jsrun"))
        .arg(fixture("sleep.js"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    std::thread::sleep(std::time::Duration::from_millis(450));
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", child.id())).unwrap_or_default();
    // Fields 14 and 15 (utime, stime) in clock ticks, after the ")" of the command name.
    let after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(11).and_then(|u| u.parse().ok()).unwrap_or(0)
        + fields.get(12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut out = String::new();
    let _ = child.stdout.take().map(|mut s| s.read_to_string(&mut out));
    let status = child.wait().unwrap_or_else(|e| panic!("wait: {e}"));
    assert!(status.success());
    assert_eq!(out.trim(), "woke");
    // 450 ms of busy-polling would be ~45 ticks; start-up costs 1–3.
    assert!(
        ticks <= 15,
        "jsrun used {ticks} clock ticks of CPU while sleeping"
    );
}
