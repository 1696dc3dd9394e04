"use strict";
// Helpers shared by the 4D fixtures (not a test file itself).
const { HTTPRequest } = require("4D");

const env = process.env;

// Sends `url` with `options` and resolves with { request, calls } once
// onTerminate has run. `calls` lists the callbacks in the order they fired
// with their event types; the caller's own callbacks still run. Only the
// callbacks the caller gave (plus onResponse, onError, onTerminate) are set,
// so onHeaders/onData keep their effect on how the response is delivered.
function run(url, options = {}) {
  return new Promise((resolve) => {
    const calls = [];
    const opts = Object.assign({}, options);
    const wrap = (name) => {
      const own = options[name];
      opts[name] = function (request, event) {
        calls.push(name + ":" + event.type);
        if (own) own.call(this, request, event);
        if (name === "onTerminate") resolve({ request, calls });
      };
    };
    for (const name of ["onHeaders", "onData"]) if (options[name]) wrap(name);
    for (const name of ["onResponse", "onError", "onTerminate"]) wrap(name);
    HTTPRequest.new(url, opts);
  });
}

// The errCodes of a finished request.
const codes = (request) => (request.errors || []).map((e) => e.errCode);

const bytesOf = (buffer) => Array.from(new Uint8Array(buffer));

module.exports = { HTTPRequest, env, run, codes, bytesOf };
