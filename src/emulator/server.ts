import type { IncomingMessage, ServerResponse } from 'node:http';
import { serve } from './fault-effects.js';
import type { FaultQueue } from './fault-queue.js';
import type { PlatformApi } from './platform.js';
import { createRecord, queryOf } from './record.js';
import { jsonReply, send } from './respond.js';
import { UPLOAD_IMAGE_PATH } from './shopee-upload.js';
import type { Exchange, Platform, RecordedRequest } from './types.js';

export interface Dispatcher {
  apis: Record<Platform, PlatformApi>;
  faults: FaultQueue;
  requests: RecordedRequest[];
  hashFiles: boolean;
  keepPartsUnder: number;
}

/** The request target as a URL; undefined for one Node's parser let through but no URL parser takes. */
function targetOf(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://emulator.invalid');
  } catch {
    return undefined;
  }
}

/** `GET //[ HTTP/1.1` reaches us as a request; like the platforms' front ends, answer it 400. */
async function badTarget(req: IncomingMessage, res: ServerResponse, d: Dispatcher): Promise<void> {
  const record: RecordedRequest = { ...createRecord(req, req.url ?? '', {}), platform: 'other' };
  d.requests.push(record);
  const ex: Exchange = {
    req,
    res,
    path: record.path,
    query: {},
    record,
    fault: undefined,
    hashFiles: false,
    keepPartsUnder: 0,
  };
  const error = 'Bad request: the request target is not a valid path';
  await send(ex, jsonReply(400, { error }, error));
}

/** Logs the request, picks its platform and fault, and never lets an exception go unanswered. */
export async function dispatch(req: IncomingMessage, res: ServerResponse, d: Dispatcher): Promise<void> {
  const url = targetOf(req);
  if (url === undefined) return badTarget(req, res, d);
  const query = queryOf(url.searchParams);
  const record = createRecord(req, url.pathname, query);
  d.requests.push(record);
  res.on('close', () => {
    if (!res.writableFinished) record.status = 'dropped';
  });
  const { platform } = record;
  const fault =
    platform === 'other'
      ? undefined
      : d.faults.take(platform, record.method, platform === 'shopee' && url.pathname === UPLOAD_IMAGE_PATH);
  const ex: Exchange = {
    req,
    res,
    path: url.pathname,
    query,
    record,
    fault,
    hashFiles: d.hashFiles,
    keepPartsUnder: d.keepPartsUnder,
  };
  try {
    if (platform === 'other') await send(ex, jsonReply(404, { error: 'Not found' }, 'Not found'));
    else await serve(ex, d.apis[platform]);
  } catch (error) {
    // Only an emulator bug gets here; answer it loudly rather than leave the client hanging.
    const message = error instanceof Error ? error.message : String(error);
    if (!res.headersSent && !res.destroyed)
      await send(ex, jsonReply(500, { error: `Emulator error: ${message}` }, message));
  }
}
