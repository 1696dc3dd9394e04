// Eclipse Dirigible http/v4/clientAsync (alias http/clientAsync).
// getInstance() (and the v4 spelling getInstnace()) returns a client whose
// getAsync/postAsync/putAsync/patchAsync/deleteAsync/headAsync/traceAsync
// only queue; execute() sends everything queued at once and returns when
// every request has had its success(response, context), error({message})
// or cancel() callback, run one at a time on the script's thread.
"use strict";

const newClient = ops.op_dirigible_client_new;
const queue = ops.op_dirigible_queue;
const executeAll = ops.op_dirigible_execute;
const JSONParse = JSON.parse;
const TypeErrorCtor = TypeError;
const ErrorCtor = Error;

const SUCCESS = 0;
const FAILURE = 1;

// Called by execute() for each outcome: kind 0 success (value: the
// HttpResponse), 1 failure (value: the message), 2 cancel.
function dispatch(batch, index, kind, value) {
    const config = batch.configs[index];
    if (kind === SUCCESS) {
        if (typeof config.success === "function") {
            config.success(value, batch.contexts[index]);
        }
    } else if (kind === FAILURE) {
        if (typeof config.error === "function") {
            config.error({ message: value });
        } else {
            // Nobody listens for this failure: it surfaces from execute().
            throw new ErrorCtor(value);
        }
    } else if (typeof config.cancel === "function") {
        config.cancel();
    }
}

function notFunction(f) {
    return f !== undefined && f !== null && typeof f !== "function";
}

function checkConfig(config) {
    if (config === null || typeof config !== "object") {
        throw new TypeErrorCtor(
            "config must be an object with success, error and cancel callbacks, got " +
                (config === null ? "null" : typeof config));
    }
    if (notFunction(config.success)) {
        throw new TypeErrorCtor("config.success must be a function, got " + typeof config.success);
    }
    if (notFunction(config.error)) {
        throw new TypeErrorCtor("config.error must be a function, got " + typeof config.error);
    }
    if (notFunction(config.cancel)) {
        throw new TypeErrorCtor("config.cancel must be a function, got " + typeof config.cancel);
    }
}

// options.context reaches success() as its second argument; Dirigible
// carries it as JSON text, so a string holding JSON is parsed.
function contextOf(options) {
    if (options === null || typeof options !== "object") {
        return null;
    }
    const c = options.context;
    if (c === undefined || c === null) {
        return null;
    }
    if (typeof c === "string") {
        try {
            return JSONParse(c);
        } catch (_) {
            return c;
        }
    }
    return c;
}

// The callbacks and contexts of the queued requests, in queue order; the
// natives keep the requests themselves.
function Batch() {
    this.configs = [];
    this.contexts = [];
}

function HttpClientAsync() {
    this.client = newClient();
    this.batch = new Batch();
}

function enqueue(self, method, url, config, options) {
    checkConfig(config);
    queue(self.client, method, url, options);
    const batch = self.batch;
    const n = batch.configs.length;
    batch.configs[n] = config;
    batch.contexts[n] = contextOf(options);
}

HttpClientAsync.prototype.getAsync = function getAsync(url, config, options) {
    enqueue(this, "GET", url, config, options);
};
HttpClientAsync.prototype.postAsync = function postAsync(url, config, options) {
    enqueue(this, "POST", url, config, options);
};
HttpClientAsync.prototype.putAsync = function putAsync(url, config, options) {
    enqueue(this, "PUT", url, config, options);
};
HttpClientAsync.prototype.patchAsync = function patchAsync(url, config, options) {
    enqueue(this, "PATCH", url, config, options);
};
HttpClientAsync.prototype.deleteAsync = function deleteAsync(url, config, options) {
    enqueue(this, "DELETE", url, config, options);
};
HttpClientAsync.prototype.headAsync = function headAsync(url, config, options) {
    enqueue(this, "HEAD", url, config, options);
};
HttpClientAsync.prototype.traceAsync = function traceAsync(url, config, options) {
    enqueue(this, "TRACE", url, config, options);
};
HttpClientAsync.prototype.execute = function execute() {
    // The queue is emptied before anything runs: a callback may queue and
    // execute a new batch of its own.
    const batch = this.batch;
    this.batch = new Batch();
    executeAll(this.client, batch, dispatch);
};

exports.getInstance = function getInstance() {
    return new HttpClientAsync();
};
// The name the Dirigible v4 document and its example use.
exports.getInstnace = exports.getInstance;
