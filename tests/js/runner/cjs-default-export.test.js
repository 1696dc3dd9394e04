// CommonJS registration: a file whose module.exports is a function has it
// called to register its suites (OpenHarmony's default-export convention).
const assert = require("assert");

let registered = false;

module.exports = function registerSuites() {
  registered = true;
  describe("registered through module.exports", () => {
    it("runs", () => {
      assert.strictEqual(registered, true);
    });
  });
};
