//! [`TestRunner`]: finds test files, runs each in a fresh runtime, prints a
//! line per test and the closing `N passed, N failed`.

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

use boa_engine::{js_string, Context, JsError, JsResult, JsValue};

use super::driver::{deadline_after, run_all, wait_settled};
use super::harness::{install_globals, Harness};
use super::report::{display_path, summary_text, Counts, Reporter, Sink};
use crate::error::{Error, ErrorKind, Result};
use crate::host::Host;
use crate::modules::loader::module_for_file;
use crate::runtime::Runtime;

/// File names the runner picks up in folders.
const SUFFIXES: &[&str] = &[
    ".test.js",
    ".test.mjs",
    ".test.cjs",
    ".test.ts",
    ".test.mts",
    ".test.ets",
];

/// Folders never searched.
const SKIPPED_DIRS: &[&str] = &["node_modules", "target"];

/// The outcome of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed, plus files that did not load.
    pub failed: u64,
    /// Tests skipped or marked todo.
    pub skipped: u64,
    /// Test files run.
    pub files: usize,
}

impl Summary {
    /// The exit code `jsrun test` uses: 1 if anything failed, else 0.
    pub fn exit_code(&self) -> i32 {
        i32::from(self.failed > 0)
    }

    fn add(&mut self, c: Counts) {
        self.passed += c.passed;
        self.failed += c.failed;
        self.skipped += c.skipped;
        self.files += 1;
    }
}

/// Runs test files, each in a fresh runtime made by the caller's factory (so
/// that the caller's modules and network settings apply).
///
/// ```no_run
/// use jsrun_runtime::{Runtime, TestRunner};
///
/// let summary = TestRunner::new()
///     .filter("login")
///     .run(&["tests/js".into()], || Runtime::builder().build())?;
/// std::process::exit(summary.exit_code());
/// # Ok::<(), jsrun_runtime::Error>(())
/// ```
#[must_use]
pub struct TestRunner {
    timeout: Duration,
    filter: Option<String>,
    out: Rc<RefCell<Box<dyn Write>>>,
}

impl Default for TestRunner {
    fn default() -> Self {
        Self::new()
    }
}

impl TestRunner {
    /// A runner with the defaults.
    pub fn new() -> Self {
        TestRunner {
            timeout: Duration::from_secs(10),
            filter: None,
            out: Rc::new(RefCell::new(Box::new(std::io::stdout()))),
        }
    }

    /// How long one test (or hook) may take before it fails; zero means no
    /// limit. A test's own `{timeout}` option wins. Default is 10 seconds.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Runs only the tests whose full name (`suite > inner suite > test`)
    /// contains `text`. Default is every test.
    pub fn filter(mut self, text: impl Into<String>) -> Self {
        self.filter = Some(text.into());
        self
    }

    /// Where result lines go. Default is stdout.
    pub fn output(mut self, out: impl Write + 'static) -> Self {
        self.out = Rc::new(RefCell::new(Box::new(out)));
        self
    }

    /// The test files under `paths`, sorted: `*.test.{js,mjs,cjs,ts,mts,ets}`
    /// found recursively in folders (skipping `node_modules`, `target` and
    /// hidden folders), plus every file named explicitly. No paths means the
    /// current folder.
    ///
    /// # Errors
    /// [`ErrorKind::NotFound`] (exit code 2) if a path does not exist or no
    /// test file was found.
    pub fn find_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
        let roots = if paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            paths.to_vec()
        };
        let mut files = Vec::new();
        for root in &roots {
            if root.is_file() {
                files.push(root.clone());
            } else if root.is_dir() {
                walk(root, &mut files);
            } else {
                return Err(Error::new(
                    ErrorKind::NotFound,
                    format!("jsrun test: no such file or folder: {}", root.display()),
                ));
            }
        }
        files.sort();
        files.dedup();
        if files.is_empty() {
            let list: Vec<String> = roots.iter().map(|p| p.display().to_string()).collect();
            return Err(Error::new(
                ErrorKind::NotFound,
                format!(
                    "jsrun test: no test files found in {} (looked for *.test.js, *.test.mjs, *.test.ts, *.test.ets)",
                    list.join(", ")
                ),
            ));
        }
        Ok(files)
    }

    /// Finds the files under `paths` and runs them in order, each in a fresh
    /// runtime from `factory`; prints a line per test and, last, `N passed,
    /// N failed`.
    ///
    /// # Errors
    /// As [`TestRunner::find_files`]. Failing tests are no error: see
    /// [`Summary::exit_code`].
    pub fn run(
        &self,
        paths: &[PathBuf],
        mut factory: impl FnMut() -> Result<Runtime>,
    ) -> Result<Summary> {
        let files = Self::find_files(paths)?;
        let mut summary = Summary::default();
        for file in &files {
            summary.add(self.run_file(file, &mut factory));
        }
        let total = Counts {
            passed: summary.passed,
            failed: summary.failed,
            skipped: summary.skipped,
        };
        let _ = writeln!(self.out.borrow_mut(), "{}", summary_text(total));
        let _ = self.out.borrow_mut().flush();
        Ok(summary)
    }

    /// Runs one file in a runtime from `factory` and returns its counts.
    fn run_file(&self, file: &Path, factory: &mut dyn FnMut() -> Result<Runtime>) -> Counts {
        let start = Instant::now();
        let reporter = Rc::new(Reporter::new(
            display_path(file),
            Sink::Writer(self.out.clone()),
        ));
        let elapsed = || start.elapsed().as_secs_f64() * 1000.0;
        let mut rt = match factory() {
            Ok(rt) => rt,
            Err(e) => {
                reporter.file_failure("no runtime", elapsed(), e.message());
                return reporter.counts();
            }
        };
        let path = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        rt.set_main(&path);
        let host = rt.host();
        let ctx = rt.context();
        ctx.insert_data(reporter.clone());
        let ms = self.timeout.as_secs_f64() * 1000.0;
        match self.load(&path, ms, &host, ctx) {
            Ok(None) => {}
            Ok(Some(problem)) => reporter.file_failure("load error", elapsed(), &problem),
            Err(e) => {
                let text = self.failure_text(&e, &host, ctx);
                reporter.file_failure("load error", elapsed(), &text);
                return reporter.counts();
            }
        }
        if let Err(e) = run_all(ctx) {
            let text = self.failure_text(&e, &host, ctx);
            reporter.file_failure("stopped", elapsed(), &text);
        } else if let Some(problem) = Self::drain(&host, ms, ctx) {
            reporter.file_failure("after the last test", elapsed(), &problem);
        }
        let _ = self.out.borrow_mut().flush();
        reporter.counts()
    }

    /// Lets what the tests left pending (timers, requests, callbacks) run,
    /// for at most one test timeout, so that an error it throws is reported
    /// rather than dropped with the runtime. Work still pending after that is
    /// dropped, as node's runner would wait for it forever.
    fn drain(host: &Host, ms: f64, ctx: &mut Context) -> Option<String> {
        let errors = host.error_count();
        host.run_until(ctx, deadline_after(ms), &mut |_| false);
        (host.error_count() != errors).then(|| {
            "an uncaught error or unhandled rejection was reported after the file's last test ended (printed on stderr)".to_owned()
        })
    }

    fn failure_text(&self, e: &JsError, host: &Host, ctx: &mut Context) -> String {
        if host.exit_requested.get() {
            let code = host.exit_code.get().unwrap_or(0);
            return format!(
                "process.exit({code}) was called: the file's remaining tests did not run"
            );
        }
        crate::internal::describe_error(e, ctx)
    }

    /// Installs the globals, evaluates the file and calls its default export
    /// if it is a function. `Ok(Some(text))`: it loaded, but an uncaught
    /// error was reported meanwhile.
    fn load(
        &self,
        path: &Path,
        ms: f64,
        host: &Host,
        ctx: &mut Context,
    ) -> JsResult<Option<String>> {
        let harness = Harness::get(ctx);
        harness.runner.set(true);
        harness.timeout_ms.set(ms);
        harness.filter.replace(self.filter.clone());
        install_globals(ctx)?;
        let errors = host.error_count();
        let module = module_for_file(path, ctx)?;
        let promise = module.load_link_evaluate(ctx);
        wait_settled(&promise.into(), ms, ctx)?;
        let default = module.namespace(ctx).get(js_string!("default"), ctx)?;
        if let Some(register) = default.as_callable() {
            // OpenHarmony's convention: `export default function xTest() { describe(…) }`.
            let r = register.call(&JsValue::undefined(), &[], ctx)?;
            wait_settled(&r, ms, ctx)?;
        }
        Ok((host.error_count() != errors).then(|| {
            "an uncaught error or unhandled rejection was reported while the file loaded (printed on stderr)".to_owned()
        }))
    }
}

fn is_test_file(name: &str) -> bool {
    SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Collects test files under `dir`; unreadable folders are skipped.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        // Follow symlinks to files, not to folders (no cycles).
        if kind.is_dir() {
            if !name.starts_with('.') && !SKIPPED_DIRS.contains(&name.as_str()) {
                walk(&path, out);
            }
        } else if is_test_file(&name) && path.is_file() {
            out.push(path);
        }
    }
}
