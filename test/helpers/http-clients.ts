import { request } from 'node:http';
import { Client, StreamableHTTPClientTransport, type ClientOptions } from '@modelcontextprotocol/client';

/**
 * The two ways a client opens a connection over HTTP: a default client runs the 2025 `initialize`
 * handshake; a client pinned to 2026-07-28 runs `server/discover` and sends `_meta` with each request.
 */
export const HTTP_ERAS = {
  '2025-11-25': { era: 'legacy', options: {} },
  '2026-07-28': { era: 'modern', options: { versionNegotiation: { mode: { pin: '2026-07-28' } } } },
} as const satisfies Record<string, { era: string; options: ClientOptions }>;
export type HttpRevision = keyof typeof HTTP_ERAS;
export const HTTP_REVISIONS = Object.keys(HTTP_ERAS) as HttpRevision[];

/** An SDK client of `revision` connected to `<base>/mcp`, sending `token` as a bearer token. */
export async function connectHttp(base: string, revision: HttpRevision, token?: string): Promise<Client> {
  const client = new Client({ name: `http-${revision}`, version: '1.0.0' }, HTTP_ERAS[revision].options);
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', base), { requestInit: { headers } }),
  );
  return client;
}

/** A GET with a bearer token (or none), as a monitoring system asks. */
export async function getWithToken(url: string, token?: string): Promise<Response> {
  return fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What a 2025-era client accepts; the SDK's transport refuses a POST without both. */
export const MCP_POST_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
};

/**
 * One request over node:http, so that any header can be set (fetch will not set Host) and a body can be
 * sent in chunks without a Content-Length.
 */
export function rawRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    chunks?: Buffer[];
  } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'POST', headers: options.headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end(options.body);
  });
}

/** A 2025-era `ping` padded to exactly `size` bytes of JSON (the padding is whitespace). */
export function pingOfSize(size: number): string {
  const ping = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
  if (size < ping.length) throw new RangeError(`a ping takes at least ${ping.length} bytes`);
  return ping.slice(0, -1) + ' '.repeat(size - ping.length) + '}';
}
