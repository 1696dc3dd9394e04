// `node:test`: node's test API over the harness core (js-lib/test/core.js, `ops.core`).
// Test functions get node's TestContext `t`, and `done` when they declare two parameters.
"use strict";

const core = ops.core;

const test = (name, options, fn) => core.addTest(name, options, fn, "node");
test.skip = (name, options, fn) => core.addTest(name, options, fn, "node", { skip: true });
test.only = (name, options, fn) => core.addTest(name, options, fn, "node", { only: true });
test.todo = (name, options, fn) => core.addTest(name, options, fn, "node", { todo: true });

const describe = (name, options, fn) => core.describe(name, options, fn);
describe.skip = (name, options, fn) => core.describe(name, options, fn, { skip: true });
describe.only = (name, options, fn) => core.describe(name, options, fn, { only: true });
describe.todo = (name, options, fn) => core.describe(name, options, fn, { skip: true });

const hook = (kind) => (fn) => core.addHook(kind, fn, "node");

test.test = test;
test.it = test;
test.describe = describe;
test.suite = describe;
test.before = hook("beforeAll");
test.after = hook("afterAll");
test.beforeEach = hook("beforeEach");
test.afterEach = hook("afterEach");
module.exports = test;
