//! The test runner (`jsrun test`) driven through its library API: the passing
//! fixtures of `tests/js/runner/`, and fixtures under `tests/fixtures/runner/`
//! that are expected to fail in precise ways.

use std::cell::RefCell;
use std::io::Write;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::Duration;

use jsrun_runtime::{CaptureConsole, ErrorKind, Runtime, Stream, Summary, TestRunner};

/// Collects the runner's output.
#[derive(Clone, Default)]
struct Buf(Rc<RefCell<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Run {
    summary: Summary,
    /// Result lines with their durations removed.
    lines: Vec<String>,
    console: Rc<CaptureConsole>,
}

impl Run {
    fn stdout(&self) -> Vec<String> {
        self.console
            .lines()
            .into_iter()
            .filter(|(s, _)| *s == Stream::Stdout)
            .map(|(_, l)| l)
            .collect()
    }

    fn stderr(&self) -> String {
        let lines: Vec<String> = self
            .console
            .lines()
            .into_iter()
            .filter(|(s, _)| *s == Stream::Stderr)
            .map(|(_, l)| l)
            .collect();
        lines.join("\n")
    }

    fn has(&self, line: &str) -> bool {
        self.lines.iter().any(|l| l == line)
    }

    fn all(&self) -> String {
        self.lines.join("\n")
    }
}

const FIX: &str = "tests/fixtures/runner";

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(FIX).join(name)
}

/// Drops the duration: ` (1.2 ms)` goes, `(load error, 1.2 ms)` keeps its text.
fn without_ms(line: &str) -> String {
    let Some(open) = line.rfind(" (") else {
        return line.to_owned();
    };
    let inner = &line[open + 2..line.len().saturating_sub(1)];
    if !line.ends_with(" ms)") {
        return line.to_owned();
    }
    match inner.rfind(", ") {
        Some(comma) => format!("{} ({})", &line[..open], &inner[..comma]),
        None => line[..open].to_owned(),
    }
}

fn run_with(paths: &[PathBuf], runner: TestRunner) -> Run {
    let buf = Buf::default();
    let console = Rc::new(CaptureConsole::default());
    let sink = console.clone();
    let summary = runner
        .output(buf.clone())
        .run(paths, || Runtime::builder().console(sink.clone()).build())
        .unwrap_or_else(|e| panic!("runner error: {e}"));
    let text = String::from_utf8_lossy(&buf.0.borrow()).into_owned();
    Run {
        summary,
        lines: text.lines().map(without_ms).collect(),
        console,
    }
}

fn run(paths: &[PathBuf]) -> Run {
    run_with(paths, TestRunner::new().timeout(Duration::from_millis(200)))
}

fn counts(r: &Run) -> (u64, u64) {
    (r.summary.passed, r.summary.failed)
}

#[test]
fn the_runner_fixtures_all_pass() {
    let r = run_with(&[PathBuf::from("../../tests/js/runner")], TestRunner::new());
    assert_eq!(r.summary.failed, 0, "{}\nstderr:\n{}", r.all(), r.stderr());
    assert!(r.summary.passed >= 40, "{}", r.all());
    assert_eq!(r.summary.files, 9, "{}", r.all());
    assert_eq!(r.summary.exit_code(), 0);
    let last = r.lines.last().cloned().unwrap_or_default();
    assert_eq!(last, format!("{} passed, 0 failed", r.summary.passed));
}

#[test]
fn a_failing_assert_fails_its_test_with_both_values() {
    let r = run(&[fixture("failing-assert.test.js")]);
    assert_eq!(counts(&r), (1, 1), "{}", r.all());
    assert_eq!(r.summary.exit_code(), 1);
    assert_eq!(
        r.lines,
        [
            "ok   tests/fixtures/runner/failing-assert.test.js > passes",
            "FAIL tests/fixtures/runner/failing-assert.test.js > fails",
            "    AssertionError: Expected values to be strictly equal:",
            "    ",
            "    1 !== 2",
            &format!(
                "        at <main> ({}:5:39)",
                std::path::absolute(fixture("failing-assert.test.js"))
                    .unwrap_or_default()
                    .display()
            ),
            "1 passed, 1 failed",
        ]
    );
}

#[test]
fn a_caught_failed_expectation_still_fails_the_test() {
    let r = run(&[fixture("caught-expect.test.js")]);
    assert_eq!(counts(&r), (1, 2), "{}", r.all());
    assert!(r.has("FAIL tests/fixtures/runner/caught-expect.test.js > caught > expect caught"));
    assert!(r.has("    AssertException: expect 1 to equal 2"));
    assert!(r.has("FAIL tests/fixtures/runner/caught-expect.test.js > caught > assert caught"));
    assert!(r.has("ok   tests/fixtures/runner/caught-expect.test.js > caught > still ok"));
}

#[test]
fn a_test_that_times_out_fails_and_the_runner_moves_on() {
    let r = run(&[fixture("timeout.test.js")]);
    assert_eq!(counts(&r), (1, 1), "{}", r.all());
    assert_eq!(
        &r.lines[..3],
        [
            "FAIL tests/fixtures/runner/timeout.test.js > hangs",
            "    timed out after 200 ms",
            "ok   tests/fixtures/runner/timeout.test.js > next runs",
        ]
    );
}

#[test]
fn a_timeout_too_large_to_represent_is_no_limit() {
    // 1e300 ms once panicked converting to a `Duration`.
    let r = run(&[fixture("huge-timeout.test.js")]);
    assert_eq!(counts(&r), (2, 0), "{}", r.all());
}

#[test]
fn an_error_thrown_by_work_left_after_the_last_test_fails_the_file() {
    let r = run(&[fixture("after-last-test.test.js")]);
    assert_eq!(counts(&r), (1, 1), "{}", r.all());
    let file = "tests/fixtures/runner/after-last-test.test.js";
    assert!(
        r.has(&format!("ok   {file} > sets a timer and returns")),
        "{}",
        r.all()
    );
    assert!(
        r.has(&format!("FAIL {file} (after the last test)")),
        "{}",
        r.all()
    );
    assert!(
        r.stderr().contains("thrown by a timer after the last test"),
        "{}",
        r.stderr()
    );
}

#[test]
fn done_never_called_fails_fast_or_times_out() {
    let r = run(&[fixture("done.test.js")]);
    assert_eq!(counts(&r), (1, 3), "{}", r.all());
    let file = "tests/fixtures/runner/done.test.js";
    assert!(r.has(&format!("FAIL {file} > done never called, nothing pending")));
    assert!(r.has("    done() was never called, and nothing is left pending that could call it"));
    assert!(r.has(&format!("FAIL {file} > done never called, a timer pending")));
    assert!(r.has("    timed out after 200 ms (done() was not called)"));
    assert!(r.has(&format!("FAIL {file} > done(err) fails")));
    assert!(r.has("    Error: via done"));
    assert!(r.has(&format!("ok   {file} > done() passes")));
}

#[test]
fn an_uncaught_error_or_unhandled_rejection_fails_the_running_test() {
    let r = run(&[fixture("uncaught.test.js")]);
    assert_eq!(counts(&r), (1, 2), "{}", r.all());
    let file = "tests/fixtures/runner/uncaught.test.js";
    assert!(
        r.has(&format!("FAIL {file} > callback throws")),
        "{}",
        r.all()
    );
    assert!(
        r.has(&format!("FAIL {file} > unhandled rejection")),
        "{}",
        r.all()
    );
    assert!(r.has(&format!("ok   {file} > afterwards")));
    let err = r.stderr();
    assert!(err.contains("Uncaught Error: from a timer"), "{err}");
    assert!(
        err.contains("Uncaught (in promise) Error: nobody catches this"),
        "{err}"
    );
}

#[test]
fn files_that_do_not_load_count_as_one_failure() {
    let r = run(&[
        fixture("syntax-error.test.js"),
        fixture("top-level-throw.test.js"),
    ]);
    assert_eq!(counts(&r), (0, 2), "{}", r.all());
    assert!(r.has("FAIL tests/fixtures/runner/syntax-error.test.js (load error)"));
    assert!(
        r.lines.iter().any(
            |l| l.starts_with("    SyntaxError: ") && l.ends_with("syntax-error.test.js:3:13)")
        ),
        "{}",
        r.all()
    );
    assert!(r.has("FAIL tests/fixtures/runner/top-level-throw.test.js (load error)"));
    assert!(r.has("    Error: thrown at top level"));
    assert_eq!(
        r.lines.last().map(String::as_str),
        Some("0 passed, 2 failed")
    );
}

#[test]
fn a_default_export_function_registers_the_suites() {
    let r = run(&[fixture("esm-default-export.test.mjs")]);
    assert_eq!(counts(&r), (1, 1), "{}", r.all());
    let file = "tests/fixtures/runner/esm-default-export.test.mjs";
    assert!(r.has(&format!("ok   {file} > from default export > a")));
    assert!(r.has(&format!("FAIL {file} > from default export > b")));
}

#[test]
fn hooks_run_in_mocha_and_hypium_order_and_their_failures_count() {
    let r = run(&[fixture("hooks.test.js")]);
    assert_eq!(counts(&r), (4, 4), "{}", r.all());
    assert_eq!(
        r.stdout(),
        [
            "outer beforeAll",
            "outer beforeEach",
            "t1",
            "outer afterEach",
            "outer beforeEach",
            "t3",
            "outer afterEach",
            "inner beforeAll",
            "outer beforeEach",
            "inner beforeEach",
            "t2",
            "inner afterEach",
            "outer afterEach",
            "inner afterAll",
            "outer afterAll",
            "a1",
        ]
    );
    let file = "tests/fixtures/runner/hooks.test.js";
    assert!(r.has(&format!("FAIL {file} > broken beforeAll > b1")));
    assert!(r.has(&format!("FAIL {file} > broken beforeAll > b2")));
    assert!(r.has("    beforeAll hook failed: Error: setup failed"));
    assert!(r.has(&format!("FAIL {file} > broken afterEach > e1")));
    assert!(r.has("    afterEach hook failed: Error: cleanup failed"));
    assert!(r.has(&format!("ok   {file} > broken afterAll > a1")));
    assert!(r.has(&format!("FAIL {file} > broken afterAll > afterAll hook")));
}

#[test]
fn filter_runs_only_matching_full_names() {
    let r = run_with(
        &[fixture("filter.test.js")],
        TestRunner::new().filter("math > add"),
    );
    assert_eq!(counts(&r), (1, 0), "{}", r.all());
    assert_eq!(
        r.lines,
        [
            "ok   tests/fixtures/runner/filter.test.js > math > add",
            "1 passed, 0 failed"
        ]
    );
}

#[test]
fn process_exit_stops_the_file_and_fails() {
    let r = run(&[fixture("process-exit.test.js")]);
    assert_eq!(counts(&r), (1, 1), "{}", r.all());
    assert!(r.has("FAIL tests/fixtures/runner/process-exit.test.js (stopped)"));
    assert!(r.has("    process.exit(3) was called: the file's remaining tests did not run"));
    assert!(!r.all().contains("never runs"));
}

#[test]
fn folders_are_searched_for_test_files_and_sorted() {
    let files = TestRunner::find_files(&[PathBuf::from(FIX)]).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<String> = files
        .iter()
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert!(names.contains(&"esm-default-export.test.mjs".to_owned()));
    // Not named *.test.*: only when given explicitly.
    assert!(!names.contains(&"explicit.js".to_owned()));
    let r = run(&[fixture("explicit.js")]);
    assert_eq!(counts(&r), (1, 0), "{}", r.all());
}

#[test]
fn the_whole_folder_ends_with_the_totals() {
    let r = run(&[PathBuf::from(FIX)]);
    // The sum of the fixtures above (filter.test.js unfiltered: 1 passed, 2 failed).
    assert_eq!(counts(&r), (15, 20), "{}", r.all());
    assert_eq!(r.summary.files, 13);
    assert_eq!(
        r.lines.last().map(String::as_str),
        Some("15 passed, 20 failed")
    );
}

#[test]
fn no_test_files_is_a_usage_error() {
    let empty = std::env::temp_dir().join(format!("jsrun-empty-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&empty);
    let err = match TestRunner::find_files(std::slice::from_ref(&empty)) {
        Ok(files) => panic!("found {files:?}"),
        Err(e) => e,
    };
    let _ = std::fs::remove_dir(&empty);
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.exit_code(), 2);
    assert!(err.message().contains("no test files found"), "{err}");
    let missing = TestRunner::find_files(&[PathBuf::from("tests/fixtures/no-such-folder")]);
    assert!(matches!(missing, Err(e) if e.exit_code() == 2));
}

#[test]
fn test_modules_work_outside_the_runner() {
    // `jsrun file.js` with node:test: tests run once the script is done, the
    // closing line is printed and a failure makes the exit code 1.
    let dir = std::env::temp_dir().join(format!("jsrun-standalone-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("standalone.js");
    let _ = std::fs::write(
        &file,
        "const test = require('node:test');\n\
         const assert = require('node:assert');\n\
         test('good', () => assert.ok(true));\n\
         test('bad', () => assert.strictEqual(1, 2));\n\
         console.log('script done');\n",
    );
    let console = Rc::new(CaptureConsole::default());
    let mut rt = Runtime::builder()
        .console(console.clone())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let result = rt.run_file(&file);
    let _ = std::fs::remove_dir_all(&dir);
    let out: Vec<String> = console
        .lines()
        .into_iter()
        .filter(|(s, _)| *s == Stream::Stdout)
        .map(|(_, l)| without_ms(&l))
        .collect();
    assert_eq!(
        out.first().map(String::as_str),
        Some("script done"),
        "{out:?}"
    );
    assert!(
        out.iter()
            .any(|l| l.starts_with("ok   ") && l.ends_with("standalone.js > good")),
        "{out:?}"
    );
    assert!(
        out.iter()
            .any(|l| l.starts_with("FAIL ") && l.ends_with("standalone.js > bad")),
        "{out:?}"
    );
    assert_eq!(out.last().map(String::as_str), Some("1 passed, 1 failed"));
    assert!(result.is_err());
    assert_eq!(rt.exit_code(), 1);
}
