'use strict';
// @ohos.net.connection: the default network. jsrun always has one (the
// host's), reported with netId 100, the id OpenHarmony gives its first
// network; conformance suites check it is not 0 before they send requests.

const PromiseResolve = Promise.resolve.bind(Promise);
const ObjectFreeze = Object.freeze;
const ErrorCtor = Error;
const ObjectDefineProperty = Object.defineProperty;

const DEFAULT_NET_ID = 100;

class NetHandle {
  constructor(netId) {
    this.netId = netId;
  }
}

function paramError(detail) {
  const e = new ErrorCtor('Parameter error');
  e.code = '401';
  ObjectDefineProperty(e, 'detail', { value: detail, writable: true, configurable: true });
  return e;
}

function answer(callback, value) {
  if (callback === undefined) return PromiseResolve(value);
  if (typeof callback !== 'function') throw paramError('the callback must be a function');
  PromiseResolve().then(() => callback(undefined, value));
  return undefined;
}

function getDefaultNet(callback) {
  return answer(callback, new NetHandle(DEFAULT_NET_ID));
}

function getDefaultNetSync() {
  return new NetHandle(DEFAULT_NET_ID);
}

function hasDefaultNet(callback) {
  return answer(callback, true);
}

function hasDefaultNetSync() {
  return true;
}

module.exports = {
  getDefaultNet,
  getDefaultNetSync,
  hasDefaultNet,
  hasDefaultNetSync,
  NetHandle,
  NetCap: ObjectFreeze({
    NET_CAPABILITY_MMS: 0,
    NET_CAPABILITY_NOT_METERED: 11,
    NET_CAPABILITY_INTERNET: 12,
    NET_CAPABILITY_NOT_VPN: 15,
    NET_CAPABILITY_VALIDATED: 16,
  }),
  NetBearType: ObjectFreeze({ BEARER_CELLULAR: 0, BEARER_WIFI: 1, BEARER_ETHERNET: 3 }),
};
