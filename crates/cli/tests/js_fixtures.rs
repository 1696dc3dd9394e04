//! Runs the JS fixture suites under `tests/js/` with `jsrun test`, one Rust
//! test per folder, each against its own test server.

mod support;

use support::{run_fixture_dir, TestServer};

macro_rules! fixture_suite {
    ($name:ident, $dir:literal) => {
        #[test]
        fn $name() {
            let server = TestServer::start();
            run_fixture_dir(&server, $dir, &[]);
        }
    };
}

fixture_suite!(runtime_fixtures, "tests/js/runtime");
fixture_suite!(runner_fixtures, "tests/js/runner");
fixture_suite!(ohos_fixtures, "tests/js/ohos");
fixture_suite!(dirigible_fixtures, "tests/js/dirigible");
fixture_suite!(fourd_fixtures, "tests/js/fourd");
fixture_suite!(mychat_fixtures, "tests/js/mychat");
