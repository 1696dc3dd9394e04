import { http } from '@kit.NetworkKit';
