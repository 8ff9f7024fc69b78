import { multipartForm, type Part } from './multipart.js';

/** What a request would carry, for dry runs: no secrets, no bytes read. */
export interface RequestPreview {
  method: 'GET' | 'POST' | 'DELETE';
  /** Without credentials: signatures, timestamps and tokens are added only when a request is sent. */
  url: string;
}

export interface UploadPreview extends RequestPreview {
  /** One line per part, in order: `image: hero.png (image/png, 48,213 bytes)` or `scene: normal`. */
  parts: string[];
  /** The body's exact Content-Length. */
  total_bytes: number;
}

export const previewRequest = (method: RequestPreview['method'], url: URL): RequestPreview => ({
  method,
  url: url.toString(),
});

/**
 * Describes a multipart request without sending it. The body length is that of the very form
 * `buildMultipart` sends, so it is the Content-Length the upload would carry.
 */
export async function previewUpload(url: URL, parts: readonly Part[]): Promise<UploadPreview> {
  const described = parts.map((part) =>
    'file' in part
      ? `${part.name}: ${part.file.fileName} (${part.file.mime}, ${part.file.size.toLocaleString('en-US')} bytes)`
      : `${part.name}: ${part.value}`,
  );
  // The same form the upload would send, measured and never piped, so no byte of any file is read.
  const form = await multipartForm(parts);
  return { method: 'POST', url: url.toString(), parts: described, total_bytes: form.getLengthSync() };
}
