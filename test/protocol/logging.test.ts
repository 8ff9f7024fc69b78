import { fileURLToPath } from 'node:url';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client } from '@modelcontextprotocol/client';
import type { LoggingLevel } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHOPEE_SHOP, DEMO_PRODUCT_ID, startEmulator } from '../../src/emulator/index.js';
import { makeWorkspace } from '../helpers/fixtures.js';
import { startHarness, type Harness } from '../helpers/harness.js';

interface Line {
  level: LoggingLevel;
  logger?: string;
  data: { message: string; [key: string]: unknown };
}

let h: Harness;
afterEach(async () => h?.close());

/** A harness whose client asked for logs from `level` up; returns what arrives. */
async function logging(level: LoggingLevel, options?: Parameters<typeof startHarness>[0]): Promise<Line[]> {
  h = await startHarness(options);
  const lines: Line[] = [];
  h.client.setNotificationHandler('notifications/message', (n) => void lines.push(n.params as Line));
  await h.client.setLoggingLevel(level);
  return lines;
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const secretsIn = (lines: Line[]) =>
  [
    h.emulator.env.SHOPEE_PARTNER_KEY,
    h.emulator.env.TRACEPASS_API_KEY,
    DEFAULT_SHOPEE_SHOP.accessToken,
    'sign=',
  ].filter((secret) => secret !== undefined && JSON.stringify(lines).includes(secret));

describe('MCP logging of upstream requests', () => {
  it('logs each request at debug: method, host, path without query, status, duration, request id', async () => {
    const lines = await logging('debug');
    await h.call('shopee_upload_images', { paths: [h.ws.png('a.png')] });
    await h.call('tracepass_upload_image', { product_id: DEMO_PRODUCT_ID, path: 'a.png' });
    await settle();
    const host = new URL(h.emulator.url).host;
    const requests = lines.filter((line) => line.data.path !== undefined);
    expect(requests.map((line) => [line.level, line.data.method, line.data.path, line.data.status])).toEqual([
      ['debug', 'POST', '/api/v2/media_space/upload_image', 200],
      ['debug', 'GET', `/api/v1/products/${DEMO_PRODUCT_ID}`, 200],
      ['debug', 'POST', `/api/v1/products/${DEMO_PRODUCT_ID}/images`, 201],
    ]);
    for (const line of requests) {
      expect(line).toMatchObject({
        logger: 'catalog-upload-mcp',
        data: { host, duration_ms: expect.any(Number), message: expect.stringContaining(`${host}/api/`) },
      });
      expect(line.data.message).not.toContain('?');
    }
    expect(requests[0]?.data.request_id).toMatch(/^[0-9a-f]{32}$/);
    expect(secretsIn(lines)).toEqual([]);
  });

  it('logs a refused request at error, with the platform reason and no key', async () => {
    const lines = await logging('debug', { env: { TRACEPASS_API_KEY: 'tp_revoked_key_0001' } });
    await h.call('tracepass_delete_image', { product_id: DEMO_PRODUCT_ID, index: 0 });
    await settle();
    expect(lines).toContainEqual({
      level: 'error',
      logger: 'catalog-upload-mcp',
      data: expect.objectContaining({
        message: expect.stringMatching(/^GET [\d.:]+\/api\/v1\/products\/\w+ → 401 Invalid API key$/),
        status: 401,
        error: 'Invalid API key',
      }),
    });
    expect(JSON.stringify(lines)).not.toContain('tp_revoked_key_0001');
  });

  it('logs a Shopee error answered with HTTP 200 at error, with its request id', async () => {
    const lines = await logging('error', {
      emulator: { shopee: { errorStatus: 200 } },
      env: { SHOPEE_PARTNER_KEY: 'a-wrong-partner-key' },
    });
    await h.call('shopee_upload_images', { paths: [h.ws.png('a.png')] });
    await settle();
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        data: expect.objectContaining({ status: 200, error: 'error_sign', request_id: expect.any(String) }),
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('a-wrong-partner-key');
  });

  it('logs a retry at warning and each failed attempt at error', async () => {
    const lines = await logging('warning');
    h.emulator.inject({ platform: 'shopee', kind: 'status-5xx', status: 503 });
    h.emulator.inject({ platform: 'shopee', kind: 'drop-before-store' });
    const result = await h.call('shopee_upload_images', { paths: [h.ws.png('a.png')] });
    await settle();
    expect(result.isError).toBeUndefined();
    expect(lines.map((line) => [line.level, line.data.message.replace(/\d+ ms/, 'N ms')])).toEqual([
      [
        'error',
        expect.stringMatching(/^POST [\d.:]+\/api\/v2\/media_space\/upload_image → 503 error_server$/),
      ],
      ['warning', 'Shopee upload failed, retrying (attempt 2 of 3 in N ms)'],
      ['error', expect.stringMatching(/^The connection to Shopee at [\d.:]+ broke before it answered/)],
      ['warning', 'Shopee upload failed, retrying (attempt 3 of 3 in N ms)'],
    ]);
    expect(lines[2]?.data).toMatchObject({ method: 'POST', path: '/api/v2/media_space/upload_image' });
    expect(secretsIn(lines)).toEqual([]);
  });

  it('follows logging/setLevel as the client changes it', async () => {
    const lines = await logging('error');
    await h.call('tracepass_upload_image', { product_id: DEMO_PRODUCT_ID, path: h.ws.png('a.png') });
    await settle();
    expect(lines).toEqual([]);
    await h.client.setLoggingLevel('debug');
    await h.call('tracepass_delete_image', { product_id: DEMO_PRODUCT_ID, index: 0 });
    await settle();
    expect(lines.map((line) => line.level)).toEqual(['debug', 'debug']);
  });
});

describe('stderr logging', () => {
  const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

  it('writes the same lines to stderr from LOG_LEVEL up, and nothing below it', async () => {
    const emulator = await startEmulator();
    const ws = makeWorkspace();
    const env = { ...emulator.env, PATH: process.env.PATH ?? '', LOG_LEVEL: 'error' };
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, ws.root],
      env: { ...env, TRACEPASS_API_KEY: 'tp_revoked_key_0002' },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const client = new Client({ name: 'stderr-test', version: '1' });
    try {
      await client.connect(transport);
      ws.png('a.png');
      await client.callTool({ name: 'shopee_upload_images', arguments: { paths: ['a.png'] } });
      await client.callTool({
        name: 'tracepass_upload_image',
        arguments: { product_id: DEMO_PRODUCT_ID, path: 'a.png' },
      });
    } finally {
      await client.close();
      await emulator.close();
      ws.cleanup();
    }
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^\[catalog-upload-mcp\] error: GET [\d.:]+\/api\/v1\/products\/\w+ → 401 Invalid API key \{.*"status":401.*\}$/,
      ),
    ]);
    expect(stderr).not.toContain('tp_revoked_key_0002');
  });
});
