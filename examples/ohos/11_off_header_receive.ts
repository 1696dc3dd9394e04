import { http } from '@kit.NetworkKit';
let httpRequest = http.createHttp();
httpRequest.off("headerReceive");
