// URLSearchParams (WHATWG), and URL.prototype.searchParams wired to it.
// Evaluated once, lazily, as `(function (URL, utf8Decode) { … return
// URLSearchParams; })`; utf8Decode is the runtime's WHATWG "UTF-8 decode
// without BOM" (globals/encoding.rs).
//
// Everything here scans strings with charCodeAt and slice only: in Boa,
// String.prototype.split, indexOf(x, from) and RegExp exec with lastIndex cost
// time proportional to the whole string per call, which made parsing a long
// query quadratic.
"use strict";
const apply = Reflect.apply;
const Uint8Array_ = Uint8Array;
const toWellFormed = String.prototype.toWellFormed;
const encodeURIComponent_ = encodeURIComponent;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const defineProperty = Object.defineProperty;
const WeakMapGet = WeakMap.prototype.get;
const WeakMapSet = WeakMap.prototype.set;

// A USVString: lone surrogates become U+FFFD, as WebIDL converts them.
const usv = (v) => apply(toWellFormed, String(v), []);

// application/x-www-form-urlencoded serializer for one name or value:
// encodeURIComponent, then %20 as '+' and !'()~ percent-encoded too. (A loop,
// not a global replace: Boa's global replace is quadratic in the matches.)
const NEEDS_FIXUP = /%20|[!'()~]/;
const encode = (s) => {
  const e = encodeURIComponent_(s);
  if (!NEEDS_FIXUP.test(e)) return e;
  const parts = [];
  let from = 0;
  for (let i = 0; i < e.length; i++) {
    const c = e.charCodeAt(i);
    let rep;
    if (c === 37 && e.charCodeAt(i + 1) === 50 && e.charCodeAt(i + 2) === 48) rep = "+";
    else if (c === 33) rep = "%21";
    else if (c === 39) rep = "%27";
    else if (c === 40) rep = "%28";
    else if (c === 41) rep = "%29";
    else if (c === 126) rep = "%7E";
    else continue;
    parts.push(e.slice(from, i), rep);
    from = i + (rep === "+" ? 3 : 1);
    i = from - 1;
  }
  parts.push(e.slice(from));
  return parts.join("");
};

function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  c |= 32;
  return c >= 97 && c <= 102 ? c - 87 : -1;
}

// The UTF-8 bytes of s[start, end), with '+' as a space and each valid %XX as
// its byte (an invalid '%' stays itself). s is well-formed (see usv).
function formBytes(s, start, end) {
  const b = [];
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    let h, l;
    if (c === 43) b.push(32);
    else if (c === 37 && i + 2 < end && (h = hexValue(s.charCodeAt(i + 1))) >= 0 && (l = hexValue(s.charCodeAt(i + 2))) >= 0) {
      b.push(h * 16 + l);
      i += 2;
    } else if (c < 0x80) b.push(c);
    else if (c < 0x800) b.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      b.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    } else if (c >= 0xd800 && c <= 0xdfff) b.push(0xef, 0xbf, 0xbd);
    else b.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return b;
}

// One name or value of s[start, end); flags: 1 = has '+', 2 = has '%'.
function decode(s, start, end, flags) {
  if (flags & 2) return utf8Decode(new Uint8Array_(formBytes(s, start, end)));
  if (!(flags & 1)) return s.slice(start, end);
  const parts = [];
  let from = start;
  for (let i = start; i < end; i++) {
    if (s.charCodeAt(i) === 43) { parts.push(s.slice(from, i)); from = i + 1; }
  }
  parts.push(s.slice(from, end));
  return parts.join(" ");
}

// application/x-www-form-urlencoded parser (s well-formed); a leading '?' is
// skipped, as URLSearchParams' constructor and a URL's query both need.
function parse(s) {
  const from = s.length > 0 && s.charCodeAt(0) === 63 ? 1 : 0;
  const list = [];
  const n = s.length;
  let start = from, eq = -1, flags = 0, keyFlags = 0;
  for (let i = from; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 38;
    if (c === 38) { // '&'
      if (i > start) {
        if (eq < 0) list.push([decode(s, start, i, flags), ""]);
        else list.push([decode(s, start, eq, keyFlags), decode(s, eq + 1, i, flags)]);
      }
      start = i + 1; eq = -1; flags = 0;
    } else if (c === 61) { // '='
      if (eq < 0) { eq = i; keyFlags = flags; flags = 0; }
    } else if (c === 43) flags |= 1;
    else if (c === 37) flags |= 2;
  }
  return list;
}

// The URL a URLSearchParams belongs to, and back.
const paramsOfUrl = new WeakMap();
let attach, reparse, flush;

class URLSearchParams {
  #list = [];
  #url = null;
  // The list changed and #url's query was not yet rewritten (done lazily when
  // the URL's href/search/toString/toJSON is read, so that n appends through
  // url.searchParams are not n serializations).
  #dirty = false;

  constructor(init = "") {
    if (typeof init === "object" && init !== null) {
      if (typeof init[Symbol.iterator] === "function") {
        for (const pair of init) {
          const p = Array.from(pair);
          if (p.length !== 2) throw new TypeError("Each query pair must be an iterable [name, value] tuple");
          this.#list.push([usv(p[0]), usv(p[1])]);
        }
      } else {
        for (const key of Object.keys(init)) this.#list.push([usv(key), usv(init[key])]);
      }
    } else {
      const s = usv(init);
      this.#list = parse(s);
    }
  }

  static {
    attach = (p, url) => { p.#url = url; };
    reparse = (p, search) => {
      p.#dirty = false;
      p.#list = parse(search);
    };
    flush = (p, set) => {
      if (!p.#dirty) return;
      p.#dirty = false;
      const s = p.toString();
      set(p.#url, s === "" ? "" : "?" + s);
    };
  }

  #update() { if (this.#url !== null) this.#dirty = true; }

  get size() { return this.#list.length; }
  append(name, value) { this.#list.push([usv(name), usv(value)]); this.#update(); }
  delete(name, value) {
    name = usv(name);
    if (value !== undefined) value = usv(value);
    this.#list = this.#list.filter(([k, v]) => !(k === name && (value === undefined || v === value)));
    this.#update();
  }
  get(name) {
    name = usv(name);
    const list = this.#list;
    for (let i = 0; i < list.length; i++) if (list[i][0] === name) return list[i][1];
    return null;
  }
  getAll(name) {
    name = usv(name);
    const out = [];
    const list = this.#list;
    for (let i = 0; i < list.length; i++) if (list[i][0] === name) out.push(list[i][1]);
    return out;
  }
  has(name, value) {
    name = usv(name);
    if (value !== undefined) value = usv(value);
    return this.#list.some(([k, v]) => k === name && (value === undefined || v === value));
  }
  set(name, value) {
    name = usv(name); value = usv(value);
    const i = this.#list.findIndex(([k]) => k === name);
    if (i < 0) this.#list.push([name, value]);
    else {
      this.#list[i][1] = value;
      this.#list = this.#list.filter(([k], j) => k !== name || j === i);
    }
    this.#update();
  }
  sort() {
    // By UTF-16 code units, stable (Array.prototype.sort is).
    this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.#update();
  }
  forEach(fn, thisArg) {
    if (typeof fn !== "function") throw new TypeError("The \"callback\" argument must be of type function");
    // Live, as node's: entries appended by fn are visited.
    for (let i = 0; i < this.#list.length; i++) {
      const [k, v] = this.#list[i];
      fn.call(thisArg, v, k, this);
    }
  }
  keys() { return this.#list.map(([k]) => k)[Symbol.iterator](); }
  values() { return this.#list.map(([, v]) => v)[Symbol.iterator](); }
  entries() { return this.#list.map(([k, v]) => [k, v])[Symbol.iterator](); }
  [Symbol.iterator]() { return this.entries(); }
  toString() {
    const list = this.#list;
    const parts = new Array(list.length);
    for (let i = 0; i < list.length; i++) parts[i] = encode(list[i][0]) + "=" + encode(list[i][1]);
    return parts.join("&");
  }
  get [Symbol.toStringTag]() { return "URLSearchParams"; }
}

if (typeof URL === "function") {
  const proto = URL.prototype;
  const search = getOwnPropertyDescriptor(proto, "search");
  const href = getOwnPropertyDescriptor(proto, "href");
  const searchGet = search.get, searchSet = search.set, hrefGet = href.get, hrefSet = href.set;
  const setSearch = (url, s) => apply(searchSet, url, [s]);
  const paramsOf = (url) => (typeof url === "object" && url !== null ? apply(WeakMapGet, paramsOfUrl, [url]) : undefined);
  // Reading the query: first write back changes made through searchParams.
  const named = (fn, name) => defineProperty(fn, "name", { value: name, configurable: true });
  const flushing = (get, name) => named(function () {
    const p = paramsOf(this);
    if (p !== undefined) flush(p, setSearch);
    return apply(get, this, arguments);
  }, name);
  // Writing the query: the searchParams object follows. (The value as a
  // USVString: Boa's setters throw on a lone surrogate, node's store U+FFFD.)
  const reparsing = (set, name) => named(function (v) {
    apply(set, this, [usv(v)]);
    const p = paramsOf(this);
    if (p !== undefined) reparse(p, apply(searchGet, this, []));
  }, name);
  defineProperty(proto, "search", { get: flushing(searchGet, "get search"), set: reparsing(searchSet, "set search"), enumerable: search.enumerable, configurable: true });
  defineProperty(proto, "href", { get: flushing(hrefGet, "get href"), set: reparsing(hrefSet, "set href"), enumerable: href.enumerable, configurable: true });
  for (const name of ["toString", "toJSON"]) {
    const d = getOwnPropertyDescriptor(proto, name);
    if (d !== undefined && typeof d.value === "function") {
      defineProperty(proto, name, { value: flushing(d.value, name), writable: d.writable, enumerable: d.enumerable, configurable: true });
    }
  }
  defineProperty(proto, "searchParams", {
    configurable: true,
    enumerable: true,
    get() {
      let p = paramsOf(this);
      if (p === undefined) {
        p = new URLSearchParams(apply(searchGet, this, []));
        attach(p, this);
        apply(WeakMapSet, paramsOfUrl, [this, p]);
      }
      return p;
    },
  });
}
return URLSearchParams;
