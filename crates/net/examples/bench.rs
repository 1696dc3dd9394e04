//! Run with: `cargo run -p jsrun-net --release --example bench`
//!
//! The engine side by side with a bare hyper-util legacy client (the
//! `rust-ceiling` of `shared/bench-kit`), same local server, interleaved
//! rounds, medians printed:
//!
//! - W1: 20,000 GETs of a 1 KiB body, 64 in flight (requests/s)
//! - W2: 20,000 POSTs of 1 KiB of JSON, 64 in flight (requests/s)
//! - W3: 200 GETs of 1 MiB, 8 in flight (MB/s), the engine buffering the
//!   body (`fetch`), streaming it to a sink (`execute`, `interest.data`),
//!   assembling it in a fresh `Vec` of the caller (`fetch_into`), and
//!   `fetch` followed by a copy into a fresh `Vec` (what a binding that
//!   copies the body into its own memory pays)
//! - STREAM: 1 GiB through `execute` with `interest.data`, peak RSS while it runs
//!
//! The server is a private nginx (1 worker, the bench-kit configuration) on
//! a free port, started and stopped by this program; without nginx, or with
//! `BENCH_URL` set, it uses that URL (which must serve `/1k.bin`, `/1m.bin`,
//! `/1g.bin` and accept POST on `/echo`).
//!
//! Arguments: workloads to run (default `W1 W2 W3 STREAM`). Env: `ROUNDS`
//! (default 3), `N1 C1 N2 C2 N3 C3` (counts and concurrency), `RT=mt` for a
//! multi-thread runtime (default current-thread, like the JS host),
//! `ONLY=bare|engine|fetch|stream|into|copy` to run one side (for profiling).
//!
//! `bench_mimalloc` runs the same with mimalloc, the allocator of the jsrun binary.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a benchmark program"
)]

#[path = "support/bench_impl.rs"]
mod bench_impl;

fn main() {
    bench_impl::main();
}
