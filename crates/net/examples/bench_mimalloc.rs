//! Run with: `cargo run -p jsrun-net --release --example bench_mimalloc`
//!
//! The benchmark of `bench.rs` with mimalloc as the global allocator, as in
//! the jsrun binary (both clients in the process use it).

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a benchmark program"
)]

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/bench_impl.rs"]
mod bench_impl;

fn main() {
    bench_impl::main();
}
