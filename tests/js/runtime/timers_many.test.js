const assert = require("assert");

// 5,000 timers pending at once. Speed is not asserted. N stays at 5,000
// because scheduling itself is quadratic (boa_wintertc's setTimeout scans
// every live timer id on each call): 50,000 took ~55 s in a debug build.
const N = 5000;
const MAX_DELAY = 20;

test("5,000 timers fire once each, by deadline then insertion; cleared ones never", { timeout: 60000 }, async () => {
  // One list per delay, in insertion order: timers with the same delay must
  // fire in insertion order, and a timer may fire only once every timer set
  // before it with a delay no larger has fired (its deadline is no later).
  const byDelay = [];
  for (let d = 0; d <= MAX_DELAY; d++) byDelay.push([]);
  const head = new Array(MAX_DELAY + 1).fill(0);
  const fired = new Uint8Array(N);
  const cancelled = new Uint8Array(N);
  const ids = new Array(N);
  const delayOf = new Uint8Array(N);
  const violations = [];
  let firedCount = 0;
  let clearedLater = 0;
  let laterPtr = 0;

  // Advances past timers of delay d that have fired or were cancelled.
  const skip = (d) => {
    const list = byDelay[d];
    while (head[d] < list.length && (fired[list[head[d]]] || cancelled[list[head[d]]])) head[d]++;
  };

  let settle;
  const allFired = new Promise((resolve) => { settle = resolve; });
  let expected = N;

  const fire = (i) => {
    if (fired[i]) violations.push(`timer ${i} fired twice`);
    if (cancelled[i]) violations.push(`cancelled timer ${i} fired`);
    const d = delayOf[i];
    skip(d);
    if (byDelay[d][head[d]] !== i) {
      violations.push(`timer ${i} (delay ${d}) fired before timer ${byDelay[d][head[d]]} of the same delay set earlier`);
    }
    for (let e = 0; e < d; e++) {
      skip(e);
      const j = byDelay[e][head[e]];
      if (j !== undefined && j < i) {
        violations.push(`timer ${i} (delay ${d}) fired before timer ${j} (delay ${e}) set earlier`);
      }
    }
    fired[i] = 1;
    firedCount++;
    // Every third delay-0 timer clears the next timer of delay 20 set after
    // it: that one is surely still pending (its deadline is later), so it
    // must never fire.
    if (d === 0 && i % 3 === 0) {
      const list = byDelay[MAX_DELAY];
      while (laterPtr < list.length && (list[laterPtr] <= i || cancelled[list[laterPtr]])) laterPtr++;
      if (laterPtr < list.length) {
        const j = list[laterPtr];
        if (fired[j]) violations.push(`timer ${j} fired before timer ${i}`);
        clearTimeout(ids[j]);
        cancelled[j] = 1;
        clearedLater++;
        expected--;
      }
    }
    if (firedCount === expected) settle();
  };

  // An interval among them that clears itself on its fifth run.
  let ticks = 0;
  const interval = setInterval(() => {
    ticks++;
    if (ticks === 5) clearInterval(interval);
  }, 1);

  let clearedAtOnce = 0;
  for (let i = 0; i < N; i++) {
    // A mix of delays that is not monotonic in i.
    const d = (i * 7 + (i >> 4)) % (MAX_DELAY + 1);
    delayOf[i] = d;
    byDelay[d].push(i);
    ids[i] = setTimeout(fire, d, i);
    if (i % 11 === 5) {
      clearTimeout(ids[i]);
      cancelled[i] = 1;
      clearedAtOnce++;
    }
  }
  // Cleared twice, and a bogus id: both harmless.
  clearTimeout(ids[5]);
  clearTimeout(123456789);
  expected -= clearedAtOnce;

  await allFired;
  // Long enough for anything left over (a cancelled timer, another tick of
  // the interval) to show up.
  await new Promise((resolve) => setTimeout(resolve, 3 * MAX_DELAY));

  assert.deepStrictEqual(violations.slice(0, 5), []);
  assert.ok(clearedAtOnce > N / 12, `cleared at once: ${clearedAtOnce}`);
  assert.ok(clearedLater > N / 500, `cleared later: ${clearedLater}`);
  assert.strictEqual(firedCount, N - clearedAtOnce - clearedLater);
  for (let i = 0; i < N; i++) {
    assert.strictEqual(fired[i] + cancelled[i], 1, `timer ${i}: fired ${fired[i]}, cancelled ${cancelled[i]}`);
  }
  assert.strictEqual(ticks, 5);
});
