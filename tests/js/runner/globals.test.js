// The globals of a test file: describe/it/test/expect and the hooks, in
// both the node and the hypium spellings, plus skip/only/todo helpers.
const log = [];

before(() => log.push("before"));
beforeAll(() => log.push("beforeAll"));
after(() => {
  if (log.join(",") !== "before,beforeAll,it,test,nested") throw new Error(`hooks saw ${log}`);
});

it("it(name, fn) without a filter", () => {
  log.push("it");
  expect(typeof describe).assertEqual("function");
});

test("test(name, fn) gets node's context", (t) => {
  log.push("test");
  expect(t.name).assertEqual("test(name, fn) gets node's context");
});

xit("xit is skipped", 0, () => { throw new Error("must not run"); });
it.skip("it.skip is skipped", () => { throw new Error("must not run"); });
it.todo("it.todo is listed");
xdescribe("xdescribe is skipped", () => {
  it("inside", () => { throw new Error("must not run"); });
});

describe("nested", () => {
  describe("deeper", () => {
    it("runs with its full suite path", 0, () => { log.push("nested"); });
  });
});

describe("async describe bodies register after their awaits", async () => {
  await null;
  it("was registered after an await", () => {});
});
