'use strict';
// @ohos.net.http: the facade over the op_http_* natives of crates/modules/ohos.
// `createHttp()`, `request` and `requestInStream` are the natives themselves
// (one native call per request); events are kept here and dispatched by
// `emit`, which the natives call on the JS thread.

const {
  op_http_setup,
  op_http_create,
  op_http_request,
  op_http_request_in_stream,
  op_http_listen,
  op_http_destroy,
  op_http_cache_create,
  op_http_cache_flush,
  op_http_cache_delete,
} = ops;

// Built-ins captured at load time, so user code that replaces them cannot
// break the module.
const ObjectCreate = Object.create;
const ObjectDefineProperty = Object.defineProperty;
const ObjectFreeze = Object.freeze;
const ErrorCtor = Error;
const JSONParse = JSON.parse;
const JSONStringify = JSON.stringify;

// The event types. A type's index i is bit (1 << i) of the native listener
// mask, the slot of its list in the request's listener array, and what the
// natives pass to `emit`.
const INDEX = {
  __proto__: null,
  headersReceive: 0,
  headerReceive: 1,
  dataReceive: 2,
  dataEnd: 3,
  dataReceiveProgress: 4,
  dataSendProgress: 5,
};
const HEADER_OLD = 1; // headerReceive (deprecated): listeners get (undefined, header)
const LISTENERS = Symbol('listeners');

function paramError(detail) {
  const e = new ErrorCtor('Parameter error');
  e.code = '401';
  ObjectDefineProperty(e, 'detail', { value: detail, writable: true, configurable: true });
  return e;
}

function method(obj, name, fn) {
  ObjectDefineProperty(obj, name, { value: fn, writable: true, configurable: true, enumerable: false });
}

function rename(fn, name) {
  ObjectDefineProperty(fn, 'name', { value: name, configurable: true });
  return fn;
}

// The per-request paths below write `void 0`: Boa looks `undefined` up as a
// global name.
function updateMask(req, all) {
  let mask = 0;
  for (let i = 0; i < all.length; i++) {
    const list = all[i];
    if (list !== null && list.length > 0) mask |= 1 << i;
  }
  op_http_listen(req, mask);
}

function addListener(req, type, callback, once) {
  if (typeof type !== 'string') throw paramError('the event type must be a string');
  if (typeof callback !== 'function') throw paramError('the callback must be a function');
  const i = INDEX[type];
  if (i === void 0) return;
  let all = req[LISTENERS];
  if (all === void 0) {
    // A symbol-keyed data property: unseen by for-in, Object.keys and JSON.
    all = [null, null, null, null, null, null];
    req[LISTENERS] = all;
  }
  let list = all[i];
  if (list === null) {
    list = [];
    all[i] = list;
  }
  // The same function registered twice is called once.
  for (let j = 0; j < list.length; j++) {
    if (list[j].fn === callback) return;
  }
  list[list.length] = { fn: callback, once };
  // The mask changes only when a list stops being empty.
  if (list.length === 1) updateMask(req, all);
}

// Called by the natives: runs the listeners of type index `i` with `value`.
function emit(req, i, value) {
  const all = req[LISTENERS];
  if (all === void 0) return;
  const list = all[i];
  if (list === null || list.length === 0) return;
  if (list.length === 1 && !list[0].once) {
    // The common case: one listener, called without copying the list.
    const fn = list[0].fn;
    if (i === HEADER_OLD) fn(void 0, value);
    else fn(value);
    return;
  }
  const snapshot = [];
  for (let j = 0; j < list.length; j++) snapshot[j] = list[j];
  let removed = false;
  for (let j = 0; j < snapshot.length; j++) {
    if (snapshot[j].once) {
      removeFn(all, i, snapshot[j].fn);
      removed = true;
    }
  }
  if (removed) updateMask(req, all);
  let failure;
  let failed = false;
  for (let j = 0; j < snapshot.length; j++) {
    const fn = snapshot[j].fn;
    try {
      if (i === HEADER_OLD) fn(void 0, value);
      else fn(value);
    } catch (e) {
      if (!failed) {
        failed = true;
        failure = e;
      }
    }
  }
  if (failed) throw failure;
}

// Lists are replaced, never shortened in place: Boa 0.22 does not drop the
// elements when `list.length = n` runs a second time at the same place (its
// inline cache writes the length slot only), so a later append was lost.
function removeFn(all, i, fn) {
  const list = all[i];
  const kept = [];
  for (let j = 0; j < list.length; j++) {
    if (list[j].fn !== fn) kept[kept.length] = list[j];
  }
  all[i] = kept;
}

// HttpRequest objects are made by createHttp(); the constructor only gives
// them a prototype (and `instanceof`).
function HttpRequest() {
  throw new TypeError('use http.createHttp() to create an HttpRequest');
}
const requestProto = HttpRequest.prototype;
method(requestProto, 'request', rename(op_http_request, 'request'));
method(requestProto, 'requestInStream', rename(op_http_request_in_stream, 'requestInStream'));
method(requestProto, 'destroy', rename(op_http_destroy, 'destroy'));
method(requestProto, 'on', function on(type, callback) {
  addListener(this, type, callback, false);
});
method(requestProto, 'once', function once(type, callback) {
  if (typeof type === 'string' && type !== 'headersReceive' && type !== 'headerReceive') {
    if (typeof callback !== 'function') throw paramError('the callback must be a function');
    return; // netstack has `once` for the header events only
  }
  addListener(this, type, callback, true);
});
method(requestProto, 'off', function off(type, callback) {
  if (typeof type !== 'string') throw paramError('the event type must be a string');
  if (callback !== undefined && callback !== null && typeof callback !== 'function') {
    throw paramError('the callback must be a function');
  }
  const i = INDEX[type];
  const all = this[LISTENERS];
  if (i === undefined || all === undefined || all[i] === null) return;
  if (callback === undefined || callback === null) all[i] = [];
  else removeFn(all, i, callback);
  updateMask(this, all);
});

function HttpResponseCache() {
  throw new TypeError('use http.createHttpResponseCache() to create an HttpResponseCache');
}
const cacheProto = HttpResponseCache.prototype;
method(cacheProto, 'flush', function flush(callback) {
  return op_http_cache_flush(typeof callback === 'function' ? callback : undefined);
});
method(cacheProto, 'delete', function (callback) {
  return op_http_cache_delete(typeof callback === 'function' ? callback : undefined);
});

function createHttpResponseCache(cacheSize) {
  op_http_cache_create(cacheSize);
  return ObjectCreate(cacheProto);
}

op_http_setup(requestProto, emit, JSONParse, JSONStringify);

const RequestMethod = ObjectFreeze({
  OPTIONS: 'OPTIONS',
  GET: 'GET',
  HEAD: 'HEAD',
  POST: 'POST',
  PUT: 'PUT',
  DELETE: 'DELETE',
  TRACE: 'TRACE',
  CONNECT: 'CONNECT',
  PATCH: 'PATCH',
});

const ResponseCode = ObjectFreeze({
  OK: 200,
  CREATED: 201,
  ACCEPTED: 202,
  NOT_AUTHORITATIVE: 203,
  NO_CONTENT: 204,
  RESET: 205,
  PARTIAL: 206,
  MULT_CHOICE: 300,
  MOVED_PERM: 301,
  MOVED_TEMP: 302,
  SEE_OTHER: 303,
  NOT_MODIFIED: 304,
  USE_PROXY: 305,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  PAYMENT_REQUIRED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_METHOD: 405,
  NOT_ACCEPTABLE: 406,
  PROXY_AUTH: 407,
  CLIENT_TIMEOUT: 408,
  CONFLICT: 409,
  GONE: 410,
  LENGTH_REQUIRED: 411,
  PRECON_FAILED: 412,
  ENTITY_TOO_LARGE: 413,
  REQ_TOO_LONG: 414,
  UNSUPPORTED_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  BAD_GATEWAY: 502,
  UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
  VERSION: 505,
});

const HttpDataType = ObjectFreeze({ STRING: 0, OBJECT: 1, ARRAY_BUFFER: 2 });
const HttpProtocol = ObjectFreeze({ HTTP1_1: 0, HTTP2: 1, HTTP3: 2 });
const CertType = ObjectFreeze({ PEM: 'PEM', DER: 'DER', P12: 'P12' });
const TlsVersion = ObjectFreeze({ TLS_V_1_0: 4, TLS_V_1_1: 5, TLS_V_1_2: 6, TLS_V_1_3: 7 });
const AddressFamily = ObjectFreeze({ DEFAULT: 'DEFAULT', ONLY_V4: 'ONLY_V4', ONLY_V6: 'ONLY_V6' });

module.exports = {
  createHttp: rename(op_http_create, 'createHttp'),
  createHttpResponseCache,
  RequestMethod,
  ResponseCode,
  HttpDataType,
  HttpProtocol,
  CertType,
  TlsVersion,
  AddressFamily,
  HttpRequest,
  HttpResponseCache,
};
