import type { IncomingMessage } from 'node:http';

/**
 * JSON-RPC messages name files, they never carry them: 1 MiB is far above any real call and keeps one
 * client from making a replica buffer arbitrary amounts.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyReading = { ok: true; body: Buffer } | { ok: false; tooLarge: true };

/**
 * Reads a request body, stopping at `limit` bytes. A declared Content-Length over the limit is refused
 * before anything is read; a body that grows past it is refused as soon as it does.
 */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyReading> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return { ok: false, tooLarge: true };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return { ok: false, tooLarge: true };
    chunks.push(chunk);
  }
  return { ok: true, body: Buffer.concat(chunks) };
}
