'use strict';
// @kit.BasicServicesKit: the kit that re-exports BusinessError from @ohos.base.
module.exports = { BusinessError: require('@ohos.base').BusinessError };
