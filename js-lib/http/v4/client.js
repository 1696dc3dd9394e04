// Eclipse Dirigible http/v4/client (alias http/client): synchronous HTTP.
// Each call blocks the script until the response is in (other requests and
// timers keep their place) and returns an HttpResponse
// {statusCode, statusMessage, data, text, binary, protocol, headers}.
// A transport failure throws an Error saying what failed and where; a bad
// option type throws a TypeError naming the option.
"use strict";

const request = ops.op_dirigible_request;
const client = ops.op_dirigible_client_new();

exports.get = function get(url, options) {
    return request(client, "GET", url, options);
};
exports.post = function post(url, options) {
    return request(client, "POST", url, options);
};
exports.put = function put(url, options) {
    return request(client, "PUT", url, options);
};
exports.patch = function patch(url, options) {
    return request(client, "PATCH", url, options);
};
exports.delete = function del(url, options) {
    return request(client, "DELETE", url, options);
};
exports.head = function head(url, options) {
    return request(client, "HEAD", url, options);
};
exports.trace = function trace(url, options) {
    return request(client, "TRACE", url, options);
};
