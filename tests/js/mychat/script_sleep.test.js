// ScriptSleep blocks the script (no callbacks run meanwhile), while
// requests keep going.
const assert = require("assert");
const m = require("mychat");

test("timers do not run inside ScriptSleep", () => {
  let fired = false;
  setTimeout(() => { fired = true; }, 0);
  m.ScriptSleep(50);
  assert.strictEqual(fired, false);
});

test("ScriptSleep takes a number; 0 and negative return at once", () => {
  m.ScriptSleep(0);
  m.ScriptSleep(-5);
  assert.throws(() => m.ScriptSleep("100"), (e) => e instanceof TypeError && /AMilliseconds/.test(e.message));
});
