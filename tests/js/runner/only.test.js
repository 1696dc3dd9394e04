// .only: when a file marks tests or suites with only, just those run.
const assert = require("assert");

it("is hidden by the only below", () => { throw new Error("must not run"); });
it.only("runs", () => { assert.ok(true); });
describe.only("an only suite", () => {
  it("runs too", () => { assert.ok(true); });
});
describe("another suite", () => {
  it("is hidden", () => { throw new Error("must not run"); });
});
