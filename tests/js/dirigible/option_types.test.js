// A wrong option type is a TypeError naming the option, thrown before any
// request is sent; null and undefined mean "not set".
const assert = require("assert");
const client = require("http/v4/client");
const HTTP = process.env.TESTSERVER_HTTP;

const wrong = {
  text: 5, files: "a.txt", params: "a=1", binary: "true", characterEncodingEnabled: 1,
  characterEncoding: 8, contentType: {}, headers: 3, proxyHost: 1, proxyPort: "8080",
  expectContinueEnabled: "no", cookieSpec: 1, redirectsEnabled: "yes", relativeRedirectsAllowed: 0,
  circularRedirectsAllowed: "no", maxRedirects: -1, authenticationEnabled: "y",
  targetPreferredAuthSchemes: {}, proxyPreferredAuthSchemes: "Basic", connectionRequestTimeout: "1",
  connectTimeout: {}, socketTimeout: true, contentCompressionEnabled: "gzip", sslTrustAllEnabled: 1,
  data: 7,
};

for (const name of Object.keys(wrong)) {
  test(name + " of the wrong type is a TypeError naming it", () => {
    assert.throws(() => client.get(HTTP + "/get", { [name]: wrong[name] }), (e) =>
      e instanceof TypeError && e.message.indexOf("HttpOptions." + name) === 0);
  });
}

test("options that are not an object are a TypeError", () => {
  assert.throws(() => client.get(HTTP + "/get", "binary"), (e) => e instanceof TypeError && /HttpOptions/.test(e.message));
  assert.throws(() => client.get(HTTP + "/get", [1]), TypeError);
});

test("null and undefined options are the defaults", () => {
  assert.strictEqual(client.get(HTTP + "/get", null).statusCode, 200);
  assert.strictEqual(client.get(HTTP + "/get", { text: null, headers: undefined, proxyHost: null }).statusCode, 200);
});

test("unknown options are ignored", () => {
  assert.strictEqual(client.get(HTTP + "/get", { somethingElse: 1, context: "x" }).statusCode, 200);
});

test("a wrong number is named by its value", () => {
  assert.throws(() => client.get(HTTP + "/get", { socketTimeout: NaN }), (e) =>
    e instanceof TypeError && /HttpOptions\.socketTimeout must be a number of milliseconds, got NaN/.test(e.message));
  assert.throws(() => client.get(HTTP + "/get", { text: 5 }), (e) => /got 5$/.test(e.message));
});
