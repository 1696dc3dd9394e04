// @ohos.net.connection: a default network with a non-zero netId.
const assert = require("assert");
const connection = require("@ohos.net.connection");
const { connection: kitConnection } = require("@kit.NetworkKit");

test("getDefaultNet(callback)", async () => {
  const [err, handle] = await new Promise((resolve) => connection.getDefaultNet((e, h) => resolve([e, h])));
  assert.strictEqual(err, undefined);
  assert.ok(handle.netId > 0);
});

test("getDefaultNet() promise and getDefaultNetSync()", async () => {
  assert.ok((await connection.getDefaultNet()).netId > 0);
  assert.ok(connection.getDefaultNetSync().netId > 0);
  assert.strictEqual(kitConnection.getDefaultNetSync().netId, connection.getDefaultNetSync().netId);
});

test("hasDefaultNet", async () => {
  assert.strictEqual(await connection.hasDefaultNet(), true);
  assert.strictEqual(connection.hasDefaultNetSync(), true);
});
