'use strict';
// @kit.ArkTS: ArkTS's JSON (parse, stringify, plus has and remove on objects).
const JSONParse = JSON.parse;
const JSONStringify = JSON.stringify;
const hasOwn = Object.prototype.hasOwnProperty;

const ArkJSON = Object.freeze({
  parse: (text, reviver) => JSONParse(text, reviver),
  stringify: (value, replacer, space) => JSONStringify(value, replacer, space),
  has: (obj, property) => obj !== null && typeof obj === 'object' && hasOwn.call(obj, property),
  remove: (obj, property) => {
    if (obj !== null && typeof obj === 'object') delete obj[property];
  },
});

module.exports = { JSON: ArkJSON };
