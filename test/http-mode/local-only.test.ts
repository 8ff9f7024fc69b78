import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/serve-http/local-only.js';
import { connectHttp, MCP_POST_HEADERS, pingOfSize, rawRequest } from '../helpers/http-clients.js';
import { startReplica, type Replica } from '../helpers/http-replica.js';

// Without MCP_HTTP_TOKENS: loopback only, and only requests this machine's own programs make.

describe('which listening hosts count as loopback', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])(
    '%s is loopback',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );
  it.each([
    '0.0.0.0',
    '::',
    '10.0.0.1',
    '192.168.1.2',
    '128.0.0.1',
    '::ffff:10.0.0.1',
    'example.com',
    'localhost.evil',
  ])('%s is not', (host) => expect(isLoopbackHost(host)).toBe(false));
});

describe('HTTP mode without tokens, on 127.0.0.1', () => {
  let replica: Replica;
  beforeAll(async () => {
    replica = await startReplica({});
  });
  afterAll(() => replica?.stop());

  const ping = (headers: Record<string, string>) =>
    rawRequest(`${replica.url}/mcp`, { headers: { ...MCP_POST_HEADERS, ...headers }, body: pingOfSize(60) });

  it.each([
    ['no Origin (an MCP client, not a browser)', {}],
    ['a localhost page', { origin: 'http://localhost:3000' }],
    ['a 127.0.0.1 page', { origin: 'http://127.0.0.1:5173' }],
    ['an [::1] page', { origin: 'http://[::1]:8080' }],
  ])('serves a request from %s', async (_name, headers) => {
    const answer = await ping(headers);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('"result":{}');
  });

  it.each([
    ['a foreign page', { origin: 'https://evil.example' }, 'Invalid Origin: evil.example'],
    [
      'a page whose name starts with localhost',
      { origin: 'http://localhost.evil.example' },
      'Invalid Origin',
    ],
    ['an opaque origin', { origin: 'null' }, 'Invalid Origin header: null'],
    [
      'a rebound name (Host is not localhost)',
      { host: 'rebind.evil.example:8787' },
      'Invalid Host: rebind.evil.example',
    ],
  ])('refuses a request from %s with 403', async (_name, headers, message) => {
    const answer = await ping(headers);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({
      jsonrpc: '2.0',
      error: { code: -32000, message: expect.stringContaining(message) },
      id: null,
    });
    expect(answer.body).toContain('without MCP_HTTP_TOKENS only localhost');
  });

  it('serves an SDK client without a token', async () => {
    const client = await connectHttp(replica.url, '2026-07-28');
    try {
      expect((await client.listTools()).tools.length).toBeGreaterThanOrEqual(4);
    } finally {
      await client.close();
    }
  });
});
