import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/serve-http/body.js';
import { MCP_POST_HEADERS, pingOfSize, rawRequest } from '../helpers/http-clients.js';
import { startReplica, type Replica } from '../helpers/http-replica.js';

// The request size limit, on both sides of the boundary, declared or streamed.

const TOKEN = 'limits-token';
const HEADERS = { ...MCP_POST_HEADERS, authorization: `Bearer ${TOKEN}` };

describe(`HTTP mode: request bodies up to ${MAX_BODY_BYTES} bytes`, () => {
  let replica: Replica;
  beforeAll(async () => {
    replica = await startReplica({ MCP_HTTP_TOKENS: TOKEN });
  });
  afterAll(() => replica?.stop());

  const post = (options: Parameters<typeof rawRequest>[1]) =>
    rawRequest(`${replica.url}/mcp`, { headers: HEADERS, ...options });

  it('is 1 MiB', () => expect(MAX_BODY_BYTES).toBe(1_048_576));

  it('serves a message of exactly the limit', async () => {
    const answer = await post({ body: pingOfSize(MAX_BODY_BYTES) });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('"result":{}');
  });

  it('refuses one byte more with 413, saying what to do', async () => {
    const answer = await post({ body: pingOfSize(MAX_BODY_BYTES + 1) });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      jsonrpc: '2.0',
      error: {
        code: -32000,
        message: `The request body is over ${MAX_BODY_BYTES} bytes: send smaller messages.`,
      },
      id: null,
    });
  });

  it('counts a body sent in chunks without a Content-Length the same way', async () => {
    const body = Buffer.from(pingOfSize(MAX_BODY_BYTES + 1));
    const chunks = [body.subarray(0, 500_000), body.subarray(500_000)];
    expect((await post({ headers: { ...HEADERS, 'transfer-encoding': 'chunked' }, chunks })).status).toBe(
      413,
    );
    const fits = Buffer.from(pingOfSize(MAX_BODY_BYTES));
    const served = await post({
      headers: { ...HEADERS, 'transfer-encoding': 'chunked' },
      chunks: [fits.subarray(0, 500_000), fits.subarray(500_000)],
    });
    expect(served.status).toBe(200);
  });

  it('keeps serving after refusing', async () => {
    expect((await post({ body: pingOfSize(100) })).status).toBe(200);
  });
});
