import { http } from '@kit.NetworkKit';
let httpResponseCache = http.createHttpResponseCache();
