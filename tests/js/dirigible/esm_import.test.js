// The four specifiers load through import as well as require.
import * as client from "http/v4/client";
import clientAlias from "http/client";
import * as clientAsync from "http/v4/clientAsync";
import assert from "assert";

const HTTP = process.env.TESTSERVER_HTTP;

test("import gives the same functions as require", async () => {
  assert.strictEqual(typeof client.get, "function");
  assert.strictEqual(clientAlias.get, client.get);
  const viaAlias = await import("http/clientAsync");
  assert.strictEqual(typeof viaAlias.getInstnace, "function");
  assert.strictEqual(client.get(HTTP + "/get").statusCode, 200);
  const c = clientAsync.getInstance();
  let code;
  c.getAsync(HTTP + "/get", { success: (r) => { code = r.statusCode; } });
  c.execute();
  assert.strictEqual(code, 200);
});
