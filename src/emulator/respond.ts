import { drainRequest } from './drain.js';
import type { Exchange } from './types.js';

export interface Reply {
  status: number;
  contentType?: string;
  body: string;
  /** What the request log records as the error sent back. */
  error?: string;
}

export function jsonReply(status: number, value: unknown, error?: string): Reply {
  return {
    status,
    contentType: 'application/json',
    body: JSON.stringify(value),
    ...(error ? { error } : {}),
  };
}

export function emptyReply(status: number): Reply {
  return { status, body: '' };
}

/** Answers once the whole body has arrived; a client that left first is recorded as dropped. */
export async function send(ex: Exchange, reply: Reply): Promise<void> {
  const complete = await drainRequest(ex.req);
  if (!complete || ex.res.destroyed) {
    ex.record.status = 'dropped';
    return;
  }
  ex.record.status = reply.status;
  if (reply.error !== undefined) ex.record.error = reply.error;
  const headers: Record<string, string | number> = { 'content-length': Buffer.byteLength(reply.body) };
  if (reply.contentType) headers['content-type'] = reply.contentType;
  ex.res.writeHead(reply.status, headers);
  ex.res.end(reply.body);
}

export function drop(ex: Exchange): void {
  ex.record.status = 'dropped';
  ex.req.socket.destroy();
}
