import type { ServerResponse } from 'node:http';
import { drainRequest } from './drain.js';
import type { Exchange } from './types.js';

const CHUNK = Buffer.alloc(64 * 1024, 0x20);

/** Resolves once the response can take more, or is gone. */
function writable(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/**
 * A 200 whose JSON-looking body (whitespace) runs to `bytes`, or never ends: what a base URL pointing
 * at a file server or a broken proxy can send. Nothing is stored. It writes only as fast as the client
 * reads and stops when the client goes away, counting what it wrote in `answerBytes`, so a test sees
 * how much the client took before giving up.
 */
export async function sendHugeBody(ex: Exchange, bytes?: number): Promise<void> {
  if (!(await drainRequest(ex.req)) || ex.res.destroyed) {
    ex.record.status = 'dropped';
    return;
  }
  ex.record.status = 200;
  ex.record.answerBytes = 0;
  ex.res.writeHead(200, {
    'content-type': 'application/json',
    ...(bytes === undefined ? {} : { 'content-length': bytes }),
  });
  while (!ex.res.destroyed && (bytes === undefined || ex.record.answerBytes < bytes)) {
    const size = bytes === undefined ? CHUNK.length : Math.min(CHUNK.length, bytes - ex.record.answerBytes);
    ex.record.answerBytes += size;
    if (!ex.res.write(CHUNK.subarray(0, size))) await writable(ex.res);
  }
  if (!ex.res.destroyed) ex.res.end();
}
