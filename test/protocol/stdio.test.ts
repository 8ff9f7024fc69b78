import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client } from '@modelcontextprotocol/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_ID, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';
import { CLI, rawSession } from '../helpers/raw-stdio.js';

// Drives the built entry point, as an MCP client launches it.

let emulator: Emulator;
let ws: Workspace;
beforeEach(async () => {
  emulator = await startEmulator();
  ws = makeWorkspace();
});
afterEach(async () => {
  await emulator.close();
  ws.cleanup();
});

describe('the built server over stdio', () => {
  it('serves every tool to an SDK client and uploads through them', async () => {
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, ws.root],
        env: { ...emulator.env, PATH: process.env.PATH ?? '' },
        stderr: 'pipe',
      }),
    );
    try {
      expect(client.getServerVersion()).toMatchObject({ name: 'catalog-upload-mcp' });
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual([
        'shopee_upload_images',
        'tracepass_upload_image',
        'tracepass_delete_image',
        'tracepass_list_images',
        'list_local_images',
      ]);
      ws.png('hero.png');
      const shopee = await client.callTool({
        name: 'shopee_upload_images',
        arguments: { paths: ['hero.png'] },
      });
      expect(shopee.structuredContent).toMatchObject({
        images: [{ path: 'hero.png', image_id: expect.stringMatching(/^sg-/) }],
      });
      const tracepass = await client.callTool({
        name: 'tracepass_upload_image',
        arguments: { product_id: DEMO_PRODUCT_ID, path: 'hero.png' },
      });
      expect(tracepass.structuredContent).toMatchObject({ index: 0 });
      expect(emulator.products.get(DEMO_PRODUCT_ID)?.imageUrls).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('writes nothing but JSON-RPC to stdout, even with debug logging on', async () => {
    const session = rawSession([ws.root], {
      ...emulator.env,
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'debug',
    });
    ws.png('a.png');
    session.handshake();
    session.send({
      id: 3,
      method: 'tools/call',
      params: { name: 'shopee_upload_images', arguments: { paths: ['a.png'] } },
    });
    await session.answer(3);
    session.close();
    const { stdout } = session;
    const stderr = session.stderr();

    expect(stdout.length).toBeGreaterThanOrEqual(3);
    for (const line of stdout) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(stderr).toMatch(/debug: POST 127\.0\.0\.1:\d+\/api\/v2\/media_space\/upload_image → 200/);
    expect(stderr).not.toContain(emulator.env.SHOPEE_PARTNER_KEY);
    expect(stderr).not.toMatch(/sign=/);
  });
});
