import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { NodeMcpRequestHandler } from '@modelcontextprotocol/node';
import { readBody } from './body.js';
import type { Drain } from './drain.js';
import { localOnlyRefusal } from './local-only.js';
import type { Metrics } from './metrics.js';
import { refuse, replyJson } from './replies.js';

export interface AppOptions {
  /** The SDK's handler, adapted to node:http. */
  mcp: NodeMcpRequestHandler;
  metrics: Metrics;
  /** Checks the Authorization header; undefined when no tokens are configured (loopback only). */
  verify: ((authorization: string | undefined) => boolean) | undefined;
  drain: Drain;
  bodyLimit: number;
}

const CLOSE = { connection: 'close' };

/** Routes `/mcp`, `/metrics` and `/healthz`; everything in front of the SDK handler is decided here. */
export function createApp(o: AppOptions): RequestListener {
  return (req, res) => {
    // Tracked before anything else, so that shutdown also waits for its own 503s to be written.
    o.drain.track(res);
    if (o.drain.draining) {
      refuse(res, 503, 'This server is shutting down: send the request again.', {
        connection: 'close',
        'retry-after': '1',
      });
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    // Load balancers and orchestrators ask without credentials.
    if (path === '/healthz') return replyJson(res, 200, { status: 'ok' });
    if (path !== '/mcp' && path !== '/metrics') {
      return refuse(res, 404, `Nothing at ${path}: MCP is served at /mcp.`, CLOSE);
    }
    const denied = refusal(req, o.verify);
    // Closing the connection stops an unread request body from being drained for nobody.
    if (denied) return refuse(res, denied.status, denied.message, { ...denied.headers, ...CLOSE });
    const served = path === '/metrics' ? serveMetrics(res, o.metrics) : serveMcp(req, res, o);
    // A client that goes away mid-body rejects the read: nothing is left to answer.
    served.catch(() => res.destroy());
  };
}

interface Denial {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

function refusal(req: IncomingMessage, verify: AppOptions['verify']): Denial | undefined {
  if (!verify) {
    const message = localOnlyRefusal(req.headers);
    return message ? { status: 403, message } : undefined;
  }
  if (verify(req.headers.authorization)) return undefined;
  return {
    status: 401,
    message:
      'Missing or unknown bearer token: send Authorization: Bearer <token> with a token from MCP_HTTP_TOKENS.',
    headers: { 'www-authenticate': 'Bearer' },
  };
}

async function serveMetrics(res: ServerResponse, metrics: Metrics): Promise<void> {
  const { contentType, body } = await metrics.render();
  res.writeHead(200, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

async function serveMcp(req: IncomingMessage, res: ServerResponse, o: AppOptions): Promise<void> {
  const reading = await readBody(req, o.bodyLimit);
  if (!reading.ok) {
    return refuse(res, 413, `The request body is over ${o.bodyLimit} bytes: send smaller messages.`, CLOSE);
  }
  // The body is read once, here, under the limit; the SDK's adapter reads it again from this copy.
  const body = reading.body;
  const request = {
    method: req.method,
    url: req.url,
    headers: req.headers,
    async *[Symbol.asyncIterator]() {
      if (body.length > 0) yield body;
    },
  };
  await o.mcp(request, res);
}
