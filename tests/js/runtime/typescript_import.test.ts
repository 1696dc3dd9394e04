import assert from "assert";
import { Celsius, toFahrenheit } from "./support/units.ts";

enum Level { Low = 1, High = 10 }

class Reading {
  constructor(public readonly value: Celsius, private level: Level = Level.Low) {}
  describe(): string { return `${toFahrenheit(this.value)}F/${Level[this.level]}`; }
}

test("a TypeScript test imports a TypeScript module", () => {
  const r = new Reading(100 as Celsius, Level.High);
  assert.strictEqual(r.describe(), "212F/High");
});
