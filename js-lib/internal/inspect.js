// Node-style value inspection for console.log and error reports.
// Evaluated as `(function (native) { … return inspect; })`: `native` gives the
// one fact JS cannot see (a promise's state).
"use strict";
const ObjectKeys = Object.keys;
const getOwnPropertyNames = Object.getOwnPropertyNames;
const getOwnPropertySymbols = Object.getOwnPropertySymbols;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const getPrototypeOf = Object.getPrototypeOf;
const ArrayIsArray = Array.isArray;
const isView = ArrayBuffer.isView;
const FunctionToString = Function.prototype.toString;
const ErrorProto = Error.prototype;
const DateToISOString = Date.prototype.toISOString;
const RegExpToString = RegExp.prototype.toString;
const SymbolToString = Symbol.prototype.toString;
const MapEntries = Map.prototype.entries;
const SetValues = Set.prototype.values;
const MapSize = getOwnPropertyDescriptor(Map.prototype, "size").get;
const SetSize = getOwnPropertyDescriptor(Set.prototype, "size").get;
const JSONStringify = JSON.stringify;
const BREAK_LENGTH = 72;
const MAX_ITEMS = 100;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

// Characters quote() escapes, for each quote character.
const NEEDS_ESCAPE = { "'": /['\\\x00-\x1f\x7f]/, '"': /["\\\x00-\x1f\x7f]/, "`": /[`\\\x00-\x1f\x7f]/ };

function quote(s) {
  let q = "'";
  if (s.includes("'")) q = !s.includes('"') ? '"' : !s.includes("`") ? "`" : "'";
  if (!NEEDS_ESCAPE[q].test(s)) return q + s + q;
  // Unescaped runs are sliced, not copied a character at a time.
  const parts = [q];
  const qc = q.charCodeAt(0);
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc;
    if (c === qc || c === 0x5c) esc = "\\" + s[i];
    else if (c === 0x0a) esc = "\\n";
    else if (c === 0x09) esc = "\\t";
    else if (c === 0x0d) esc = "\\r";
    else if (c < 0x20 || c === 0x7f) esc = "\\x" + c.toString(16).padStart(2, "0");
    else continue;
    if (i > from) parts.push(s.slice(from, i));
    parts.push(esc);
    from = i + 1;
  }
  if (from < s.length) parts.push(s.slice(from));
  parts.push(q);
  return parts.join("");
}

function formatNumber(n) {
  return Object.is(n, -0) ? "-0" : String(n);
}

function formatKey(key) {
  if (typeof key === "symbol") return "[" + SymbolToString.call(key) + "]";
  return IDENT.test(key) ? key : quote(key);
}

function constructorName(obj) {
  let proto = obj;
  while (proto !== null) {
    const desc = getOwnPropertyDescriptor(proto, "constructor");
    if (desc !== undefined && typeof desc.value === "function" && desc.value.name !== "") {
      return desc.value.name;
    }
    proto = getPrototypeOf(proto);
  }
  return null;
}

function isError(v) {
  let p = v;
  while (p !== null) {
    if (p === ErrorProto) return true;
    p = getPrototypeOf(p);
  }
  return false;
}

function formatFunction(fn) {
  let src = "";
  try { src = FunctionToString.call(fn); } catch (_) { /* native */ }
  const name = fn.name;
  if (src.startsWith("class")) return name ? `[class ${name}]` : "[class (anonymous)]";
  return name ? `[Function: ${name}]` : "[Function (anonymous)]";
}

function join(open, parts, close, indent) {
  if (parts.length === 0) return open + close;
  const total = parts.reduce((n, p) => n + p.length + 2, open.length + close.length);
  const multiline = total > BREAK_LENGTH || parts.some((p) => p.includes("\n"));
  if (!multiline) return `${open} ${parts.join(", ")} ${close}`;
  const pad = "  ".repeat(indent + 1);
  return `${open}\n${pad}${parts.map(indentLines).join(`,\n${pad}`)}\n${"  ".repeat(indent)}${close}`;
}

// s with "  " after each newline. A scan, not replace(/\n/g, …): Boa's global
// replace takes time quadratic in the number of matches.
function indentLines(s) {
  if (!s.includes("\n")) return s;
  const parts = [];
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 10) { parts.push(s.slice(from, i + 1)); from = i + 1; }
  }
  parts.push(s.slice(from));
  return parts.join("  ");
}

const INDEX = /^(0|[1-9][0-9]*)$/;
const isArrayIndex = (key) => INDEX.test(key) && Number(key) < 4294967295;

// Where an array's own keys stop being indices: they come first, in ascending
// order (OrdinaryOwnPropertyKeys), so a binary search finds the end without
// testing a million of them.
function firstNonIndex(keys) {
  let lo = 0, hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isArrayIndex(keys[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function ownEntries(obj, skipIndices, depth, seen, indent) {
  const parts = [];
  const keys = getOwnPropertyNames(obj);
  for (let i = skipIndices ? firstNonIndex(keys) : 0; i < keys.length; i++) {
    const key = keys[i];
    if (skipIndices && INDEX.test(key)) continue;
    const desc = getOwnPropertyDescriptor(obj, key);
    if (desc === undefined || !desc.enumerable) continue;
    parts.push(formatKey(key) + ": " + formatProperty(desc, depth, seen, indent));
  }
  for (const sym of getOwnPropertySymbols(obj)) {
    const desc = getOwnPropertyDescriptor(obj, sym);
    if (desc === undefined || !desc.enumerable) continue;
    parts.push(formatKey(sym) + ": " + formatProperty(desc, depth, seen, indent));
  }
  return parts;
}

function formatProperty(desc, depth, seen, indent) {
  if ("value" in desc) return formatValue(desc.value, depth, seen, indent + 1, true);
  if (desc.get && desc.set) return "[Getter/Setter]";
  if (desc.get) return "[Getter]";
  return "[Setter]";
}

function bytesPreview(u8) {
  const n = Math.min(u8.length, 50);
  const hex = [];
  for (let i = 0; i < n; i++) hex.push(u8[i].toString(16).padStart(2, "0"));
  return `<${hex.join(" ")}${u8.length > n ? ` ... ${u8.length - n} more bytes` : ""}>`;
}

function formatValue(v, depth, seen, indent, nested) {
  switch (typeof v) {
    case "string": return nested ? quote(v) : v;
    case "number": return formatNumber(v);
    case "bigint": return `${v}n`;
    case "boolean": return String(v);
    case "undefined": return "undefined";
    case "symbol": return SymbolToString.call(v);
    case "function": {
      const base = formatFunction(v);
      if (seen.includes(v)) return "[Circular *1]";
      const props = depth < 0 ? [] : ownEntries(v, false, depth - 1, seen.concat([v]), indent).filter((p) => !p.startsWith("prototype:"));
      return props.length ? join(base + " {", props, "}", indent) : base;
    }
  }
  if (v === null) return "null";
  if (seen.includes(v)) return "[Circular *1]";
  const inner = seen.concat([v]);
  if (isError(v)) return formatError(v, depth, inner, indent);
  if (ArrayIsArray(v)) {
    if (depth < 0) return "[Array]";
    const parts = [];
    const n = Math.min(v.length, MAX_ITEMS);
    let holes = 0;
    for (let i = 0; i < n; i++) {
      if (!(i in v)) { holes++; continue; }
      if (holes) { parts.push(`<${holes} empty item${holes > 1 ? "s" : ""}>`); holes = 0; }
      parts.push(formatValue(v[i], depth - 1, inner, indent + 1, true));
    }
    if (holes) parts.push(`<${holes} empty item${holes > 1 ? "s" : ""}>`);
    if (v.length > n) parts.push(`... ${v.length - n} more item${v.length - n > 1 ? "s" : ""}`);
    parts.push(...ownEntries(v, true, depth - 1, inner, indent));
    const name = constructorName(v);
    return join(name && name !== "Array" ? `${name}(${v.length}) [` : "[", parts, "]", indent);
  }
  if (v instanceof Date) {
    const t = v.getTime();
    return t === t ? DateToISOString.call(v) : "Invalid Date";
  }
  if (v instanceof RegExp) return RegExpToString.call(v);
  if (v instanceof Map) {
    if (depth < 0) return "[Map]";
    const parts = [];
    for (const [k, val] of MapEntries.call(v)) {
      if (parts.length >= MAX_ITEMS) { parts.push("..."); break; }
      parts.push(formatValue(k, depth - 1, inner, indent + 1, true) + " => " + formatValue(val, depth - 1, inner, indent + 1, true));
    }
    return join(`Map(${MapSize.call(v)}) {`, parts, "}", indent);
  }
  if (v instanceof Set) {
    if (depth < 0) return "[Set]";
    const parts = [];
    for (const val of SetValues.call(v)) {
      if (parts.length >= MAX_ITEMS) { parts.push("..."); break; }
      parts.push(formatValue(val, depth - 1, inner, indent + 1, true));
    }
    return join(`Set(${SetSize.call(v)}) {`, parts, "}", indent);
  }
  if (v instanceof Promise) {
    const st = native.promiseState(v);
    const shown = st.state === "pending" ? "<pending>"
      : st.state === "rejected" ? "<rejected> " + formatValue(st.value, depth - 1, inner, indent + 1, true)
      : formatValue(st.value, depth - 1, inner, indent + 1, true);
    return `Promise { ${shown} }`;
  }
  if (v instanceof ArrayBuffer) {
    return `ArrayBuffer { [Uint8Contents]: ${bytesPreview(new Uint8Array(v))}, byteLength: ${v.byteLength} }`;
  }
  if (isView(v) && !(v instanceof DataView)) {
    if (depth < 0) return `[${constructorName(v)}]`;
    const parts = [];
    const n = Math.min(v.length, MAX_ITEMS);
    for (let i = 0; i < n; i++) parts.push(typeof v[i] === "bigint" ? `${v[i]}n` : formatNumber(v[i]));
    if (v.length > n) parts.push(`... ${v.length - n} more item${v.length - n > 1 ? "s" : ""}`);
    return join(`${constructorName(v)}(${v.length}) [`, parts, "]", indent);
  }
  if (v[Symbol.toStringTag] === "URLSearchParams" && typeof v.entries === "function") {
    // Its list lives in private fields: show the pairs, as node does.
    let parts = null;
    try {
      parts = [];
      for (const [k, val] of v.entries()) parts.push(quote(String(k)) + " => " + quote(String(val)));
    } catch (_) { parts = null; }
    if (parts !== null) return depth < 0 ? "[URLSearchParams]" : join("URLSearchParams {", parts, "}", indent);
  }
  for (const [Box, label] of [[Number, "Number"], [String, "String"], [Boolean, "Boolean"]]) {
    if (v instanceof Box) return `[${label}: ${formatValue(v.valueOf(), 0, inner, indent, true)}]`;
  }
  if (depth < 0) {
    const name = constructorName(v);
    return `[${name || "Object"}]`;
  }
  const parts = ownEntries(v, false, depth - 1, inner, indent);
  const proto = getPrototypeOf(v);
  let prefix = "";
  if (proto === null) prefix = "[Object: null prototype] ";
  else {
    const name = constructorName(v);
    if (name && name !== "Object") prefix = name + " ";
  }
  const tag = v[Symbol.toStringTag];
  if (typeof tag === "string" && tag !== "" && !prefix.startsWith(tag)) prefix = `${prefix || "Object "}[${tag}] `;
  return join(prefix + "{", parts, "}", indent);
}

function formatError(err, depth, seen, indent) {
  let stack = "";
  try { stack = err.stack; } catch (_) { /* accessor threw */ }
  let name = "Error", message = "";
  try { name = String(err.name); message = String(err.message); } catch (_) { /* ignore */ }
  let head = message ? `${name}: ${message}` : name;
  let text = typeof stack === "string" && stack !== "" ? (stack.startsWith(head) ? stack : `${head}\n${stack.replace(/\n$/, "")}`) : head;
  if (text === head && typeof stack !== "string") text = `[${head}]`;
  const extra = ownEntries(err, false, depth - 1, seen, indent).filter((p) => !p.startsWith("stack:") && !p.startsWith("message:"));
  if (extra.length) text += " " + join("{", extra, "}", indent);
  return text;
}

return function inspect(value, depth) {
  return formatValue(value, depth === undefined ? 2 : depth, [], 0, false);
};
