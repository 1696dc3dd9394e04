// A TypeScript test file: types are stripped before it runs.
import { describe, it, expect } from "@ohos/hypium";

interface Point { x: number; y: number }

function add(a: Point, b: Point): Point {
  return { x: a.x + b.x, y: a.y + b.y };
}

export default function typescriptTest(): void {
  describe("TypeScript", () => {
    it("runs typed code", 0, (): void => {
      const p: Point = add({ x: 1, y: 2 }, { x: 3, y: 4 });
      expect(p).assertDeepEquals({ x: 4, y: 6 } as Point);
    });
  });
}
