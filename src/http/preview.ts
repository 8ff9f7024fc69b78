import type { Part } from './multipart.js';

export type PartPreview =
  { field: string; file_name: string; content_type: string; size: number } | { field: string; value: string };

/** What a request would carry, for dry runs: no secrets, no bytes read. */
export interface RequestPreview {
  method: 'GET' | 'POST' | 'DELETE';
  /** Without credentials: signatures, timestamps and tokens are added only when a request is sent. */
  url: string;
  /** One line per part, in order: `image: hero.png (image/png, 48,213 bytes)` or `scene: normal`. */
  parts?: string[];
  /** The body's exact Content-Length. */
  total_bytes?: number;
}

/**
 * Describes a request without sending it. The body length comes from form-data itself, with each file's
 * checked size as its known length, so it is the Content-Length `buildMultipart` would send.
 */
export async function previewRequest(
  method: RequestPreview['method'],
  url: URL,
  parts?: readonly Part[],
): Promise<RequestPreview> {
  if (parts === undefined) return { method, url: url.toString() };
  const { default: FormData } = await import('form-data');
  const form = new FormData();
  const described: string[] = [];
  for (const part of parts) {
    if ('file' in part) {
      const { fileName, mime, size } = part.file;
      form.append(part.name, Buffer.alloc(0), { filename: fileName, contentType: mime, knownLength: size });
      described.push(`${part.name}: ${fileName} (${mime}, ${size.toLocaleString('en-US')} bytes)`);
    } else {
      form.append(part.name, part.value);
      described.push(`${part.name}: ${part.value}`);
    }
  }
  return { method, url: url.toString(), parts: described, total_bytes: form.getLengthSync() };
}
