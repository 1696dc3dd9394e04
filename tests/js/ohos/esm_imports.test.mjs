// The document's import forms, as an ES module: a named `http` from the kit,
// the default export of @ohos.net.http, BusinessError from both kits.
import assert from "assert";
import { http } from "@kit.NetworkKit";
import httpDefault from "@ohos.net.http";
import { BusinessError } from "@kit.BasicServicesKit";
import { BusinessError as BaseError } from "@ohos.base";
import connection from "@ohos.net.connection";
import { JSON as ArkJSON } from "@kit.ArkTS";

test("named and default imports reach the same module", () => {
  assert.strictEqual(http, httpDefault);
  assert.strictEqual(typeof http.createHttp, "function");
  assert.strictEqual(BusinessError, BaseError);
  assert.strictEqual(typeof connection.getDefaultNetSync, "function");
  assert.strictEqual(ArkJSON.stringify([1]), "[1]");
});
