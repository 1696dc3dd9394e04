"use strict";
// The 4D module: the HTTPRequest class of 4D (SPEC §4.3), also reachable as
// globalThis["4D"]. The natives do the work (crates/modules/fourd); this file
// only shapes the class so that it reads like 4D:
//
//   const request = globalThis["4D"].HTTPRequest.new(url, options);
//   request.wait();
//
// HTTPRequest.new is the native function itself: no JS frame per request.
const { op_fourd_new, op_fourd_install } = ops;
const defineProperty = Object.defineProperty;

class HTTPRequest {
  // `new HTTPRequest(url, options)` works too, and gives the same object as
  // HTTPRequest.new(url, options).
  constructor(url, options) {
    return op_fourd_new(url, options);
  }
}

defineProperty(HTTPRequest, "new", {
  value: op_fourd_new,
  writable: true,
  enumerable: false,
  configurable: true,
});
defineProperty(HTTPRequest.prototype, Symbol.toStringTag, {
  value: "HTTPRequest",
  configurable: true,
});

// Installs the properties (dataType, encoding, errors, headers, method,
// protocol, response, returnResponseBody, terminated, timeout, url) and the
// functions (wait, terminate, toJSON) on HTTPRequest.prototype.
op_fourd_install(HTTPRequest);

module.exports = { HTTPRequest };
