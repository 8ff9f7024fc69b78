import { z } from 'zod';
import type { RequestPreview, UploadPreview } from '../http/preview.js';

/** The `dry_run` input and outputs every tool shares: check everything, send nothing that changes state. */

export const dryRunInput = z
  .boolean({ error: 'dry_run must be true or false (or left out)' })
  .optional()
  .describe('Check and describe only; send nothing');

const request = { method: z.string(), url: z.string() };

/** For a tool whose request has a multipart body. `would_send` never holds credentials. */
export const dryRunOutput = {
  dry_run: z.literal(true).optional(),
  would_send: z.object({ ...request, parts: z.array(z.string()), total_bytes: z.number() }).optional(),
};

/** For a tool whose request has no body. */
export const dryRunOutputNoBody = {
  dry_run: z.literal(true).optional(),
  would_send: z.object(request).optional(),
};

/** The request as text lines, for the summary a model reads. */
export function describeRequest(preview: RequestPreview | UploadPreview): string[] {
  if (!('parts' in preview)) return [`${preview.method} ${preview.url}`];
  const body = `Body: ${preview.total_bytes.toLocaleString('en-US')} bytes of multipart/form-data.`;
  return [`${preview.method} ${preview.url}`, ...preview.parts.map((part) => `- ${part}`), body];
}
