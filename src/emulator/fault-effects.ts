import { setTimeout as sleep } from 'node:timers/promises';
import { drainRequest } from './drain.js';
import { sendHugeBody } from './fault-huge-body.js';
import { receiveBody, type PlatformApi } from './platform.js';
import { drop, send, type Reply } from './respond.js';
import type { Exchange } from './types.js';

const BAD_GATEWAY_HTML =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';

/** Waits unless the client goes away first; true when the wait ran its course. */
async function waitForClient(ex: Exchange, delayMs: number): Promise<boolean> {
  if (ex.res.destroyed) return false;
  const gone = new AbortController();
  const onClose = (): void => gone.abort();
  ex.res.once('close', onClose);
  try {
    await sleep(delayMs, undefined, { signal: gone.signal });
    return true;
  } catch {
    return false;
  } finally {
    ex.res.off('close', onClose);
  }
}

function truncated(reply: Reply): Reply {
  // A 204 has no body to cut short, so its broken twin is a 200 with half an object.
  const body = reply.body === '' ? '{"' : reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2)));
  return { status: reply.status === 204 ? 200 : reply.status, contentType: 'application/json', body };
}

async function deliver(ex: Exchange, reply: Reply): Promise<void> {
  const fault = ex.fault;
  switch (fault?.kind) {
    case 'drop-after-store':
      await drainRequest(ex.req);
      return drop(ex);
    case 'slow':
      if (await waitForClient(ex, fault.delayMs)) return send(ex, reply);
      ex.record.status = 'dropped';
      return;
    case 'malformed-json':
      return send(ex, truncated(reply));
    default:
      return send(ex, reply);
  }
}

/** Runs the platform's handler, bent by the fault this request drew, if any. */
export async function serve(ex: Exchange, api: PlatformApi): Promise<void> {
  const fault = ex.fault;
  switch (fault?.kind) {
    case 'drop-before-store':
      return drop(ex);
    case 'huge-body':
      return sendHugeBody(ex, fault.bytes);
    // These store nothing, but still read (and record) the whole body before answering.
    case 'html-502':
      await receiveBody(ex, api.maxFileSize);
      return send(ex, {
        status: 502,
        contentType: 'text/html',
        body: BAD_GATEWAY_HTML,
        error: '502 Bad Gateway',
      });
    case 'status-5xx':
    case 'rate-limit':
    case 'shopee-error':
      await receiveBody(ex, api.maxFileSize);
      return send(ex, api.faultReply(fault));
    default:
      return deliver(ex, await api.handle(ex));
  }
}
