'use strict';
// @ohos.base: BusinessError, the error shape of OpenHarmony APIs
// ({code, message, data?}). Scripts mostly use it as a TypeScript type; the
// class exists so that value imports and `instanceof` work too.

class BusinessError extends Error {
  constructor(code, message, data) {
    super(message === undefined ? '' : String(message));
    this.name = 'BusinessError';
    this.code = code;
    if (data !== undefined) this.data = data;
  }
}

module.exports = { BusinessError };
