import { readMultipart, type MultipartResult } from './multipart.js';
import { redact } from './record.js';
import type { Reply } from './respond.js';
import type { Exchange, Fault } from './types.js';

/** Faults answered with the platform's own error, without doing any work. */
export type ErrorFault = Extract<Fault, { kind: 'status-5xx' | 'rate-limit' | 'shopee-error' }>;

export interface PlatformApi {
  /** Largest file part the platform accepts, in bytes; exactly this many is fine. */
  maxFileSize: number;
  handle(ex: Exchange): Promise<Reply>;
  faultReply(fault: ErrorFault): Reply;
}

/** Streams the request's multipart body and records what arrived. */
export async function receiveBody(ex: Exchange, maxFileSize: number): Promise<MultipartResult> {
  const body = await readMultipart(ex.req, {
    fileSizeLimit: maxFileSize + 1,
    hash: ex.hashFiles,
    keepUnder: ex.keepPartsUnder,
  });
  if (body.ok) {
    ex.record.parts = body.files;
    ex.record.fields = redact(body.fields);
  }
  return body;
}
