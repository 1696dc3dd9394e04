// The document's HTTPSendPostMessageAsync example, line for line in JS.
// Run with (test server started with --tls-name httpbin.org):
//   jsrun --connect-to httpbin.org:443:127.0.0.1:HTTPS_PORT --ca-file CA.pem examples/mychat/PostMessageAsync.js
// Pascal var parameters: JSONSetString returns the new text; JSONGetString
// writes into an object's `value`.
Object.assign(globalThis, require("mychat"));

var
  sKey, sBody, sResult, sData = { value: "" }, sReqID,
  i;
// begin
  sReqID = CreateGUIDString();
  sBody = '{}';
  sBody = JSONSetString(sBody, 'event', 'user_login');
  sBody = JSONSetString(sBody, 'request_id', sReqID);
  sKey = HTTPSendPostMessageAsync(
    'https://httpbin.org/post',
    sBody,
    'Content-Type: application/json' + CRLF +
    'Accept: application/json',
    3000);
  mLogScript(sKey, 'Key');
// wait for the result to appear in the cache, maximum 3 seconds.
// example code. Similar loops with ScriptSleep in production is a bad idea.
  for (i = 1; i <= 30; i++) {
    if (MemCacheExists(sKey)) {
      sResult = MemCacheGet(sKey);
      mLogScript(sResult, 'Result');
      if (JSONValid(sResult)) {
        if (JSONGetString(sResult, 'data', sData) === 0)
          mLogScript('POST body accepted: ' + sData.value, 'HTTP POST ASYNC');
      }
      else
        mLogScript('Invalid JSON: ' + sResult, 'HTTP POST ASYNC');
      break;
    }
    ScriptSleep(100);
  }
// end.
