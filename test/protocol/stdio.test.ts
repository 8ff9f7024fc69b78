import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_ID, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';

// Drives the built entry point (`npm test` builds first), as an MCP client launches it.
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

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
  it('serves the three tools to an SDK client and uploads through them', async () => {
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
    const child = spawn(process.execPath, [CLI, ws.root], {
      env: { ...emulator.env, PATH: process.env.PATH ?? '', LOG_LEVEL: 'debug' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = createInterface({ input: child.stdout });
    const answered = new Promise<void>((resolve) =>
      lines.on('line', (line) => {
        stdout.push(line);
        if (line.includes('"id":3')) resolve();
      }),
    );
    const send = (message: object) =>
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
    ws.png('a.png');
    send({
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
    });
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/list' });
    send({
      id: 3,
      method: 'tools/call',
      params: { name: 'shopee_upload_images', arguments: { paths: ['a.png'] } },
    });
    await answered;
    child.kill();

    expect(stdout.length).toBeGreaterThanOrEqual(3);
    for (const line of stdout) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(stderr).toMatch(/debug: POST 127\.0\.0\.1:\d+\/api\/v2\/media_space\/upload_image → 200/);
    expect(stderr).not.toContain(emulator.env.SHOPEE_PARTNER_KEY);
    expect(stderr).not.toMatch(/sign=/);
  });
});
