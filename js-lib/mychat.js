// MyChat Server's script functions, under their original names, so that
// `Object.assign(globalThis, require("mychat"))` makes a script read like the
// Pascal original. Pascal `var` parameters become return values or a
// `{value}` object (see crates/modules/mychat/README.md).
"use strict";

const guid = ops.op_mychat_guid;
const post = ops.op_mychat_post;
const cacheExists = ops.op_mychat_cache_exists;
const cacheGet = ops.op_mychat_cache_get;
const cacheSet = ops.op_mychat_cache_set;
const cacheDelete = ops.op_mychat_cache_delete;
const sleep = ops.op_mychat_sleep;
const log = ops.op_mychat_log;
const scriptName = ops.op_mychat_script_name;

const JSONParse = JSON.parse;
const JSONStringify = JSON.stringify;
const ObjectKeys = Object.keys;
const defineProperty = Object.defineProperty;
const hasOwn = Object.prototype.hasOwnProperty;
const ArrayIsArray = Array.isArray;
const DateCtor = Date;
const StringCtor = String;
const TypeErrorCtor = TypeError;

// JSON helper result codes.
const JSON_OK = 0;
const JSON_INVALID = 1; // the text is not JSON
const JSON_NOT_OBJECT = 2; // JSON, but not an object
const JSON_NO_NAME = 3; // the object has no such name

const CRLF = "\r\n";

function describe(v) {
    return v === null ? "null" : ArrayIsArray(v) ? "an array" : typeof v;
}

// A Pascal string argument: strings as they are, numbers and booleans as
// their text; anything else is a script error.
function text(v, what) {
    if (typeof v === "string") {
        return v;
    }
    if (typeof v === "number" || typeof v === "boolean") {
        return StringCtor(v);
    }
    throw new TypeErrorCtor(what + " must be a string, got " + describe(v));
}

function optionalText(v, what) {
    return v === undefined || v === null ? "" : text(v, what);
}

function number(v, what) {
    if (v === undefined || v === null) {
        return 0;
    }
    if (typeof v !== "number") {
        throw new TypeErrorCtor(what + " must be a number, got " + describe(v));
    }
    return v;
}

function pad(n, width) {
    let s = "" + n;
    while (s.length < width) {
        s = "0" + s;
    }
    return s;
}

function put(obj, name, value) {
    defineProperty(obj, name, { value: value, writable: true, enumerable: true, configurable: true });
}

function CreateGUIDString() {
    return guid();
}

function HTTPSendPostMessageAsync(url, body, headers, timeout) {
    if (typeof url !== "string") {
        throw new TypeErrorCtor("AURL must be a string, got " + describe(url));
    }
    body = optionalText(body, "ABody");
    headers = optionalText(headers, "AHeaders");
    timeout = number(timeout, "ATimeOut");
    const d = new DateCtor();
    const key = "httppost_async" + guid().toLowerCase() +
        pad(d.getDate(), 2) + pad(d.getMonth() + 1, 2) + pad(d.getFullYear(), 4) +
        pad(d.getHours(), 2) + pad(d.getMinutes(), 2) + pad(d.getSeconds(), 2) +
        pad(d.getMilliseconds(), 3);
    post(key, url, body, headers, timeout);
    return key;
}

function MemCacheExists(key) {
    return cacheExists(text(key, "AKey"));
}

function MemCacheGet(key) {
    const v = cacheGet(text(key, "AKey"));
    return v === undefined ? "" : v;
}

function MemCacheSet(key, value, ttlSeconds) {
    return cacheSet(text(key, "AKey"), text(value, "AValue"), number(ttlSeconds, "ATTL"));
}

function MemCacheDelete(key) {
    return cacheDelete(text(key, "AKey"));
}

function ScriptSleep(ms) {
    sleep(number(ms, "AMilliseconds"));
}

function mLogScript(message, label) {
    const d = new DateCtor();
    const stamp = pad(d.getHours(), 2) + ":" + pad(d.getMinutes(), 2) + ":" + pad(d.getSeconds(), 2);
    const tag = label === undefined || label === null || label === "" ? "" : "[" + StringCtor(label) + "] ";
    log("[" + stamp + "] (Log \"" + scriptName() + "\"): " + tag + StringCtor(message));
}

function JSONValid(json) {
    if (typeof json !== "string") {
        return false;
    }
    try {
        JSONParse(json);
        return true;
    } catch (_) {
        return false;
    }
}

// Parses a JSON object: {code} on failure, {code: 0, obj} on success.
function parseObject(json) {
    let obj;
    try {
        obj = JSONParse(json);
    } catch (_) {
        return { code: JSON_INVALID, obj: null };
    }
    if (obj === null || typeof obj !== "object" || ArrayIsArray(obj)) {
        return { code: JSON_NOT_OBJECT, obj: null };
    }
    return { code: JSON_OK, obj: obj };
}

// JSONSetString(json, name, value) returns the new JSON text (a number, the
// error code, when `json` is not a JSON object). JSONSetString(ref, name,
// value) with ref = {value: json} is the Pascal var form: ref.value is
// updated and the code returned. A new name goes first, as MyChat's output
// shows; an existing one is replaced where it is. "" counts as {}.
function JSONSetString(json, name, value) {
    let ref = null;
    if (json !== null && typeof json === "object") {
        ref = json;
        json = ref.value;
    }
    if (typeof json !== "string") {
        if (ref !== null) {
            return JSON_INVALID;
        }
        throw new TypeErrorCtor("AJSON must be a string or a {value} object, got " + describe(json));
    }
    name = text(name, "AName");
    value = text(value, "AValue");
    const parsed = json.trim() === "" ? { code: JSON_OK, obj: {} } : parseObject(json);
    if (parsed.code !== JSON_OK) {
        return parsed.code;
    }
    let out = parsed.obj;
    if (hasOwn.call(out, name)) {
        out[name] = value;
    } else {
        const old = out;
        out = {};
        put(out, name, value);
        const keys = ObjectKeys(old);
        for (let i = 0; i < keys.length; i++) {
            put(out, keys[i], old[keys[i]]);
        }
    }
    const result = JSONStringify(out);
    if (ref !== null) {
        ref.value = result;
        return JSON_OK;
    }
    return result;
}

// JSONGetString(json, name, ref) writes the value of `name` to ref.value
// (strings as they are, other values as JSON text) and returns 0, or
// returns an error code and sets ref.value to "".
function JSONGetString(json, name, ref) {
    json = text(json, "AJSON");
    name = text(name, "AName");
    if (ref !== undefined && (ref === null || typeof ref !== "object")) {
        throw new TypeErrorCtor("AValue must be an object {value} to receive the value, got " + describe(ref));
    }
    const parsed = parseObject(json);
    let code = parsed.code;
    let result = "";
    if (code === JSON_OK) {
        if (hasOwn.call(parsed.obj, name)) {
            const v = parsed.obj[name];
            result = typeof v === "string" ? v : JSONStringify(v);
        } else {
            code = JSON_NO_NAME;
        }
    }
    if (ref !== undefined) {
        ref.value = result;
    }
    return code;
}

exports.HTTPSendPostMessageAsync = HTTPSendPostMessageAsync;
exports.MemCacheExists = MemCacheExists;
exports.MemCacheGet = MemCacheGet;
exports.MemCacheSet = MemCacheSet;
exports.MemCacheDelete = MemCacheDelete;
exports.CreateGUIDString = CreateGUIDString;
exports.JSONSetString = JSONSetString;
exports.JSONGetString = JSONGetString;
exports.JSONValid = JSONValid;
exports.mLogScript = mLogScript;
exports.ScriptSleep = ScriptSleep;
exports.CRLF = CRLF;
