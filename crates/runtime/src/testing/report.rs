//! Result lines and counts: one `Reporter` per test file (or per script
//! outside `jsrun test`), kept in the context's data.

use std::cell::{Cell, RefCell};
use std::io::Write;
use std::rc::Rc;

use boa_engine::{Context, JsResult};

use crate::host::Host;

/// Where result lines go.
#[derive(Clone)]
pub(crate) enum Sink {
    /// The runner's output (stdout for the CLI).
    Writer(Rc<RefCell<Box<dyn Write>>>),
    /// The runtime's console (a test script run with `jsrun run`).
    Console(Rc<Host>),
}

impl Sink {
    fn line(&self, text: &str) {
        match self {
            // A closed pipe (`jsrun test | head`) must not panic.
            Sink::Writer(w) => {
                let _ = writeln!(w.borrow_mut(), "{text}");
            }
            Sink::Console(host) => host.print_line(text),
        }
    }
}

/// Test counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed, and files that did not load.
    pub failed: u64,
    /// Tests skipped or marked todo (not run).
    pub skipped: u64,
}

/// The outcome of one result line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    Passed,
    Failed,
    Skipped,
    Todo,
    /// `t.diagnostic()`: a line that is no result.
    Note,
}

/// Prints result lines for one file and counts them.
pub(crate) struct Reporter {
    file: String,
    sink: Sink,
    counts: Cell<Counts>,
}

impl Reporter {
    pub(crate) fn new(file: String, sink: Sink) -> Self {
        Reporter {
            file,
            sink,
            counts: Cell::new(Counts::default()),
        }
    }

    /// The reporter of this context; outside the runner, one printing on
    /// the console under the main script's name.
    pub(crate) fn of(ctx: &mut Context) -> JsResult<Rc<Reporter>> {
        if let Some(r) = ctx.get_data::<Rc<Reporter>>() {
            return Ok(r.clone());
        }
        let host = Host::get(ctx)?;
        let file = host
            .script_info()
            .main
            .map(|p| display_path(&p))
            .unwrap_or_else(|| "<eval>".to_owned());
        let r = Rc::new(Reporter::new(file, Sink::Console(host)));
        ctx.insert_data(r.clone());
        Ok(r)
    }

    pub(crate) fn counts(&self) -> Counts {
        self.counts.get()
    }

    /// `ok   file > suite > test (1.2 ms)`, with failure details indented below.
    pub(crate) fn test(
        &self,
        status: Status,
        path: &[String],
        name: &str,
        ms: f64,
        details: Option<&str>,
    ) {
        let mut c = self.counts.get();
        let word = match status {
            Status::Passed => {
                c.passed += 1;
                "ok"
            }
            Status::Failed => {
                c.failed += 1;
                "FAIL"
            }
            Status::Skipped => {
                c.skipped += 1;
                "skip"
            }
            Status::Todo => {
                c.skipped += 1;
                "todo"
            }
            Status::Note => {
                for l in details.unwrap_or_default().lines() {
                    self.sink.line(&format!("     # {l}"));
                }
                return;
            }
        };
        self.counts.set(c);
        let mut line = format!("{word:<4} {}", self.file);
        for part in path.iter().map(String::as_str).chain([name]) {
            line.push_str(" > ");
            line.push_str(part);
        }
        if matches!(status, Status::Passed | Status::Failed) {
            line.push_str(&format!(" ({})", format_ms(ms)));
            self.sink.line(&line);
            self.details(details);
        } else {
            // A skip's reason stays on its line, as in TAP.
            if let Some(reason) = details.filter(|d| !d.is_empty()) {
                line.push_str(" # ");
                line.push_str(&reason.replace('\n', " "));
            }
            self.sink.line(&line);
        }
    }

    /// A file that did not load (or ended early): one failure.
    pub(crate) fn file_failure(&self, what: &str, ms: f64, details: &str) {
        let mut c = self.counts.get();
        c.failed += 1;
        self.counts.set(c);
        self.sink
            .line(&format!("FAIL {} ({what}, {})", self.file, format_ms(ms)));
        self.details(Some(details));
    }

    fn details(&self, details: Option<&str>) {
        for l in details.unwrap_or_default().lines() {
            self.sink.line(&format!("    {l}"));
        }
    }

    /// `N passed, N failed`: the closing line.
    pub(crate) fn summary_line(&self) {
        let c = self.counts.get();
        self.sink.line(&summary_text(c));
    }
}

pub(crate) fn summary_text(c: Counts) -> String {
    format!("{} passed, {} failed", c.passed, c.failed)
}

fn format_ms(ms: f64) -> String {
    if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.1} ms")
    }
}

/// A path as the user would write it: relative to the current directory when
/// it is under it, without a leading `./`.
pub(crate) fn display_path(p: &std::path::Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(&cwd).ok().map(std::path::Path::to_path_buf))
        .unwrap_or_else(|| p.to_path_buf());
    let rel = rel
        .strip_prefix(".")
        .map(std::path::Path::to_path_buf)
        .unwrap_or(rel);
    rel.to_string_lossy().into_owned()
}
