'use strict';
// @kit.NetworkKit: the kit OpenHarmony apps import `http` (and `connection`) from.
module.exports = {
  http: require('@ohos.net.http'),
  connection: require('@ohos.net.connection'),
};
