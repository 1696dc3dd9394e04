//! The 4D document's HTTPRequest example, in JavaScript.
//! Run with (see examples/README.md):
//!   jsrun --connect-to www.google.com:443:127.0.0.1:PORT --ca-file CA.pem examples/fourd/request.js

// Create a MyHttpRequestOptions class for the request options:
class MyHttpRequestOptions {
  constructor(method, headers, body) {
    this.method = method;
    this.headers = headers;
    this.body = body;
  }

  onResponse(request, event) {
    // My onResponse method, if you want to handle the request asynchronously
    console.log("onResponse: " + event.type + " " + request.response.status + " " + request.response.statusText);
  }

  onError(request, event) {
    // My onError method, if you want to handle the request asynchronously
    console.log("onError: " + event.type + " " + JSON.stringify(request.errors));
  }
}

// You can now create your request:
var headers = {};
headers["field1"] = "value1";

var myHttpRequestOptions = new MyHttpRequestOptions("GET", headers, "");

var request = globalThis["4D"].HTTPRequest.new("www.google.com", myHttpRequestOptions);
request.wait(); // If you want to handle the request synchronously

// Now you can use request.response to access the result of the request or
// request.errors to check the error that happened.
if (request.errors) {
  console.log("errors: " + request.errors.map((e) => e.errCode + " " + e.message).join("; "));
  process.exitCode = 1;
} else {
  console.log("url: " + request.url);
  console.log("status: " + request.response.status);
  console.log("content-type: " + request.response.headers["content-type"]);
  console.log("body: " + typeof request.response.body + ", " + request.response.body.length + " characters");
}
