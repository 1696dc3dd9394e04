//! Run with: `cargo run -p jsrun-ts --example strip -- FILE.ts`
//!
//! Prints the JavaScript that jsrun would hand to Boa for a TypeScript file.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: strip FILE.ts");
        return ExitCode::from(2);
    };
    let source = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    match jsrun_ts::strip(&source, &path) {
        Ok(out) => {
            print!("{}", out.code);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
