import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import {
  connectHttp,
  getWithToken,
  MCP_POST_HEADERS,
  pingOfSize,
  rawRequest,
} from '../helpers/http-clients.js';
import { runCli, startReplica, type Replica } from '../helpers/http-replica.js';

// Bearer tokens from MCP_HTTP_TOKENS in front of /mcp and /metrics; /healthz open; no tokens, no network.

const TOKENS = ['first-token-abc', 'second-token-0123456789'];
const PING = pingOfSize(60);
const UNAUTHORIZED = {
  status: 401,
  headers: expect.objectContaining({ 'www-authenticate': 'Bearer' }),
  body: expect.stringContaining('send Authorization: Bearer <token> with a token from MCP_HTTP_TOKENS'),
};

describe('HTTP mode with MCP_HTTP_TOKENS', () => {
  let emulator: Emulator;
  let replica: Replica;
  let mcp: string;
  beforeAll(async () => {
    emulator = await startEmulator();
    // Blanks and empty entries around the tokens are not tokens.
    replica = await startReplica({ ...emulator.env, MCP_HTTP_TOKENS: ` ${TOKENS[0]} ,, ${TOKENS[1]} ,` });
    mcp = `${replica.url}/mcp`;
  });
  afterAll(async () => {
    await replica?.stop();
    await emulator?.close();
  });

  const post = (authorization?: string) =>
    rawRequest(mcp, {
      headers: { ...MCP_POST_HEADERS, ...(authorization ? { authorization } : {}) },
      body: PING,
    });

  it('answers /mcp without a token with 401 and WWW-Authenticate: Bearer', async () => {
    expect(await post()).toMatchObject(UNAUTHORIZED);
  });

  it.each([
    ['a wrong token of the same length', `Bearer ${'x'.repeat(TOKENS[0]!.length)}`],
    ['a prefix of a token', `Bearer ${TOKENS[1]!.slice(0, -1)}`],
    ['a token with a byte more', `Bearer ${TOKENS[0]}x`],
    ['both tokens joined', `Bearer ${TOKENS.join(',')}`],
    ['another scheme', `Basic ${TOKENS[0]}`],
    ['the token without a scheme', TOKENS[0]!],
  ])('refuses %s with 401', async (_name, authorization) => {
    expect(await post(authorization)).toMatchObject(UNAUTHORIZED);
  });

  it.each([
    ['the first token', `Bearer ${TOKENS[0]}`],
    ['the second token', `Bearer ${TOKENS[1]}`],
    ['a lower-case scheme', `bearer ${TOKENS[0]}`],
  ])('accepts %s', async (_name, authorization) => {
    const answer = await post(authorization);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('"result":{}');
  });

  it.each(['2025-11-25', '2026-07-28'] as const)(
    'lets a %s SDK client with a token list the tools',
    async (revision) => {
      const client = await connectHttp(replica.url, revision, TOKENS[1]);
      try {
        expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('tracepass_upload_image');
      } finally {
        await client.close();
      }
    },
  );

  // The 2025 client shows the refusal's own words; the 2026 one reports the status of its discover probe.
  it.each([
    ['2025-11-25', /Missing or unknown bearer token: send Authorization: Bearer <token>/],
    ['2026-07-28', /requires authorization \(HTTP 401\)/],
  ] as const)('stops a %s SDK client with a wrong token at connect', async (revision, message) => {
    await expect(connectHttp(replica.url, revision, 'not-a-token')).rejects.toThrow(message);
  });

  it('answers /healthz without a token', async () => {
    const answer = await getWithToken(`${replica.url}/healthz`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ status: 'ok' });
  });

  it('keeps /metrics behind the same tokens', async () => {
    const refused = await getWithToken(`${replica.url}/metrics`, 'wrong');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    const answer = await getWithToken(`${replica.url}/metrics`, TOKENS[0]);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await answer.text()).toMatch(/^catalog_upload_mcp_process_resident_memory_bytes \d+/m);
  });

  it('answers any other path with 404 naming /mcp', async () => {
    const answer = await getWithToken(`${replica.url}/sse`, TOKENS[0]);
    expect(answer.status).toBe(404);
    expect(await answer.text()).toContain('MCP is served at /mcp');
  });
});

describe('HTTP mode without tokens on a non-loopback host', () => {
  it.each([
    ['0.0.0.0', {}],
    ['::', {}],
    ['0.0.0.0', { MCP_HTTP_TOKENS: ' , ' }],
  ])('refuses to start on %s (tokens %j), exit code 2, saying what to set', async (host, env) => {
    const { code, stderr } = await runCli(['http', '--host', host, '--port', '0'], env).exited;
    expect(code).toBe(2);
    expect(stderr).toContain(`Refusing to serve on ${host} without MCP_HTTP_TOKENS`);
    expect(stderr).toContain(
      'Set MCP_HTTP_TOKENS to one or more comma-separated secret tokens, or serve on 127.0.0.1.',
    );
    expect(stderr).not.toContain('serving MCP');
  });
});
