// URLSearchParams (WHATWG), and URL.prototype.searchParams wired to it.
// Evaluated once, lazily, as `(function (URL) { … return URLSearchParams; })`.
"use strict";
const encode = (s) =>
  encodeURIComponent(s).replace(/%20/g, "+").replace(/[!'()~]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
const decode = (s) => {
  const t = s.replace(/\+/g, " ");
  try { return decodeURIComponent(t); } catch (_) { return t; }
};
const LIST = Symbol("list");
const OWNER = Symbol("owner");

class URLSearchParams {
  constructor(init = "") {
    this[LIST] = [];
    this[OWNER] = null;
    if (typeof init === "object" && init !== null) {
      if (typeof init[Symbol.iterator] === "function") {
        for (const pair of init) {
          const p = Array.from(pair);
          if (p.length !== 2) throw new TypeError("Each query pair must be an iterable [name, value] tuple");
          this[LIST].push([String(p[0]), String(p[1])]);
        }
      } else {
        for (const key of Object.keys(init)) this[LIST].push([key, String(init[key])]);
      }
    } else {
      this._parse(String(init));
    }
  }
  _parse(s) {
    this[LIST] = [];
    if (s.startsWith("?")) s = s.slice(1);
    for (const part of s.split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      const k = eq < 0 ? part : part.slice(0, eq);
      const v = eq < 0 ? "" : part.slice(eq + 1);
      this[LIST].push([decode(k), decode(v)]);
    }
  }
  _update() {
    if (this[OWNER] !== null) {
      const s = this.toString();
      this[OWNER].search = s === "" ? "" : "?" + s;
    }
  }
  get size() { return this[LIST].length; }
  append(name, value) { this[LIST].push([String(name), String(value)]); this._update(); }
  delete(name, value) {
    name = String(name);
    this[LIST] = this[LIST].filter(([k, v]) => !(k === name && (value === undefined || v === String(value))));
    this._update();
  }
  get(name) { name = String(name); const e = this[LIST].find(([k]) => k === name); return e ? e[1] : null; }
  getAll(name) { name = String(name); return this[LIST].filter(([k]) => k === name).map(([, v]) => v); }
  has(name, value) {
    name = String(name);
    return this[LIST].some(([k, v]) => k === name && (value === undefined || v === String(value)));
  }
  set(name, value) {
    name = String(name); value = String(value);
    const i = this[LIST].findIndex(([k]) => k === name);
    if (i < 0) this[LIST].push([name, value]);
    else {
      this[LIST][i][1] = value;
      this[LIST] = this[LIST].filter(([k], j) => k !== name || j === i);
    }
    this._update();
  }
  sort() { this[LIST].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); this._update(); }
  forEach(fn, thisArg) { for (const [k, v] of this[LIST]) fn.call(thisArg, v, k, this); }
  keys() { return this[LIST].map(([k]) => k)[Symbol.iterator](); }
  values() { return this[LIST].map(([, v]) => v)[Symbol.iterator](); }
  entries() { return this[LIST].map(([k, v]) => [k, v])[Symbol.iterator](); }
  [Symbol.iterator]() { return this.entries(); }
  toString() { return this[LIST].map(([k, v]) => encode(k) + "=" + encode(v)).join("&"); }
  get [Symbol.toStringTag]() { return "URLSearchParams"; }
}

const PARAMS = Symbol("searchParams");
if (typeof URL === "function") {
  Object.defineProperty(URL.prototype, "searchParams", {
    configurable: true,
    enumerable: true,
    get() {
      let p = this[PARAMS];
      if (p === undefined) {
        p = new URLSearchParams(this.search);
        p[OWNER] = this;
        Object.defineProperty(this, PARAMS, { value: p });
      } else {
        p._parse(this.search);
      }
      return p;
    },
  });
}
return URLSearchParams;
