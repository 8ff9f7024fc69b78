import type { McpServer } from '@modelcontextprotocol/server';
import type { ToolDeps } from './deps.js';
import { registerShopeeUploadImages } from './shopee-upload-images.js';
import { registerTracePassDeleteImage } from './tracepass-delete-image.js';
import { registerTracePassUploadImage } from './tracepass-upload-image.js';

export function registerTools(server: McpServer, deps: ToolDeps): void {
  registerShopeeUploadImages(server, deps);
  registerTracePassUploadImage(server, deps);
  registerTracePassDeleteImage(server, deps);
}
