import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler } from '@modelcontextprotocol/server';
import type { Env } from '../config/env.js';
import { createServer } from '../server/create-server.js';
import { wireDeps } from '../server/deps.js';
import { createApp } from './app.js';
import { MAX_BODY_BYTES } from './body.js';
import { createDrain } from './drain.js';
import { isLoopbackHost } from './local-only.js';
import { createMetrics } from './metrics.js';
import { bearerVerifier, parseTokens } from './tokens.js';

export interface HttpOptions {
  host: string;
  port: number;
  roots: string[];
  env: Env;
  /** Resolves when the process is asked to stop (SIGTERM, SIGINT). */
  stopRequested: Promise<unknown>;
  say: (line: string) => void;
}

/** Exit code 2: started wrong, as for a usage error. */
const REFUSED_TO_START = 2;

/**
 * `catalog-upload-mcp http`: serves MCP over Streamable HTTP until asked to stop, then lets the calls
 * in flight finish. Resolves with the exit code.
 */
export async function serveHttp(o: HttpOptions): Promise<number> {
  const tokens = parseTokens(o.env.MCP_HTTP_TOKENS);
  if (tokens.length === 0 && !isLoopbackHost(o.host)) {
    o.say(
      `Refusing to serve on ${o.host} without MCP_HTTP_TOKENS: anyone who can reach it could upload with ` +
        'this server’s credentials. Set MCP_HTTP_TOKENS to one or more comma-separated secret tokens, ' +
        'or serve on 127.0.0.1.',
    );
    return REFUSED_TO_START;
  }
  const metrics = createMetrics();
  // One set of dependencies for the process (logger, transport, upload record), shared by every request.
  const { addLogSink: _perConnectionLogs, ...deps } = wireDeps({
    env: o.env,
    roots: o.roots,
    observer: metrics,
  });
  // A fresh server per request, holding nothing between requests: any replica can answer any request.
  // No MCP log sink and no client roots: one caller must never see another's log lines, nor widen the
  // folders every caller shares.
  const handler = createMcpHandler(
    () => {
      const server = createServer(deps, { clientRoots: false });
      const closed = metrics.serverOpened();
      const previous = server.server.onclose;
      server.server.onclose = () => {
        closed();
        previous?.();
      };
      return server;
    },
    { onerror: (error) => deps.logger.log('warning', `MCP request failed: ${error.message}`) },
  );
  const server = createHttpServer();
  const drain = createDrain(server);
  const verify = tokens.length > 0 ? bearerVerifier(tokens) : undefined;
  server.on(
    'request',
    createApp({ mcp: toNodeHandler(handler), metrics, verify, drain, bodyLimit: MAX_BODY_BYTES }),
  );
  const address = await listen(server, o.port, o.host);
  o.say(
    `catalog-upload-mcp serving MCP on ${urlOf(address)}/mcp (${verify ? `${tokens.length} bearer token(s)` : 'no tokens: localhost only'}); ` +
      `allowed folders: ${o.roots.join(', ') || '(none)'}`,
  );
  await o.stopRequested;
  o.say('catalog-upload-mcp stopping: finishing the calls in flight, refusing new ones.');
  await drain.drain();
  await handler.close();
  o.say('catalog-upload-mcp stopped.');
  return 0;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `cannot listen on ${host}:${port} (${error.code ?? error.message}): pick another --host or --port`,
        ),
      );
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve(server.address() as AddressInfo);
    });
  });
}

const urlOf = ({ address, family, port }: AddressInfo) =>
  `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`;
