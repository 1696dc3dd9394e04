import { http } from '@kit.NetworkKit';
class Header {
  public contentType: string;
  constructor(contentType: string) {
    this.contentType = contentType;
  }
}
let httpRequest = http.createHttp();
let options: http.HttpRequestOptions = {
  method: http.RequestMethod.POST, // Optional. The default value is http.RequestMethod.GET.
  // This field is used to transfer the request body when a POST request is used. Its format needs to be negotiated with the server.
  extraData: 'data to send',
  expectDataType: http.HttpDataType.STRING, // Optional. This parameter specifies the type of the return data.
  usingCache: true, // Optional. The default value is true.
  priority: 1, // Optional. The default value is 1.
  // You can add header fields based on service requirements.
  header: new Header('application/json'),
  readTimeout: 60000, // Optional. The default value is 60000, in ms.
  connectTimeout: 60000, // Optional. The default value is 60000, in ms.
  usingProtocol: http.HttpProtocol.HTTP1_1, // Optional. The default protocol type is automatically specified by the system.
  usingProxy: false, // Optional. By default, network proxy is not used. This field is supported since API version 10.
};
httpRequest.request("http://example.test/anything", options, (err: Error, data: http.HttpResponse) => {
  if (!err) {
    console.info('Result:' + data.result);
    console.info('code:' + data.responseCode);
    console.info('type:' + JSON.stringify(data.resultType));
    console.info('header:' + JSON.stringify(data.header));
    console.info('cookies:' + data.cookies); // Cookies are supported since API version 8.
  } else {
    console.info('error:' + JSON.stringify(err));
  }
});
