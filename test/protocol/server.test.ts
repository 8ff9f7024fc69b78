import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createServer } from '../../src/server/create-server.js';
import { wireDeps } from '../../src/server/deps.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('tools/list', () => {
  it('declares the contract annotations, an output schema and a description on every field', async () => {
    h = await startHarness();
    const { tools } = await h.client.listTools();
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(byName.shopee_upload_images?.annotations).toMatchObject({
      openWorldHint: true,
      destructiveHint: false,
    });
    expect(byName.tracepass_upload_image?.annotations).toMatchObject({
      openWorldHint: true,
      destructiveHint: false,
    });
    expect(byName.tracepass_delete_image?.annotations).toMatchObject({
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: true,
    });
    for (const tool of tools) {
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.description?.length).toBeGreaterThan(40);
      for (const [field, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        expect((schema as { description?: string }).description, `${tool.name}.${field}`).toBeTruthy();
      }
    }
    expect(byName.shopee_upload_images?.inputSchema.properties?.paths).toMatchObject({
      minItems: 1,
      maxItems: 8,
    });
    expect(byName.tracepass_delete_image?.inputSchema.properties?.index).toMatchObject({
      minimum: 0,
      maximum: 19,
    });
    expect(byName.tracepass_upload_image?.inputSchema.required).toEqual(['product_id', 'path']);
    // The contract's output shapes: only Shopee's warning and the per-image fields are optional.
    expect(byName.shopee_upload_images?.outputSchema?.required).toEqual(['request_id', 'images']);
    expect(byName.tracepass_upload_image?.outputSchema?.required).toEqual([
      'image_url',
      'image_urls',
      'index',
    ]);
    expect(byName.tracepass_delete_image?.outputSchema?.required).toEqual(['image_urls']);
  });

  it('sends instructions that explain how the tools fit together', async () => {
    h = await startHarness();
    expect(h.client.getInstructions()).toMatch(/image_id/);
    expect(h.client.getInstructions()).toMatch(/expected_url/);
  });
});

describe('client roots', () => {
  let emulator: Emulator;
  let ws: Workspace;
  afterEach(async () => {
    await emulator.close();
    ws.cleanup();
  });

  it('adds the roots the client announces, follows changes, and never drops the configured ones', async () => {
    emulator = await startEmulator();
    ws = makeWorkspace();
    const deps = wireDeps({ env: emulator.env, roots: [ws.root] });
    const server = createServer(deps);
    const client = new Client(
      { name: 'roots-client', version: '1' },
      { capabilities: { roots: { listChanged: true } } },
    );
    let shared = [{ uri: pathToFileURL(ws.outside).href, name: 'outside' }];
    client.setRequestHandler('roots/list', async () => ({ roots: shared }));
    const [a, b] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(b), client.connect(a)]);

    const inOutside = ws.png('o.png', undefined, ws.outside);
    ws.png('seed.png');
    const upload = (path: string) =>
      client.callTool({ name: 'shopee_upload_images', arguments: { paths: [path] } });
    expect((await upload(inOutside)).isError).toBeUndefined();

    shared = [];
    await client.sendRootsListChanged();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await upload(inOutside)).isError).toBe(true);
    expect((await upload('seed.png')).isError).toBeUndefined();
    await client.close();
    await server.close();
  });
});

describe('MCP logging', () => {
  it('sends nothing until the client sets a level, then logs requests without secrets', async () => {
    h = await startHarness();
    const messages: unknown[] = [];
    h.client.setNotificationHandler('notifications/message', (n) => void messages.push(n.params));
    await h.call('shopee_upload_images', { paths: [h.ws.png('a.png')] });
    expect(messages).toEqual([]);

    await h.client.setLoggingLevel('debug');
    await h.call('shopee_upload_images', { paths: [h.ws.png('b.png')] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(messages).toContainEqual(
      expect.objectContaining({
        level: 'debug',
        data: expect.objectContaining({
          method: 'POST',
          path: '/api/v2/media_space/upload_image',
          status: 200,
        }),
      }),
    );
    expect(JSON.stringify(messages)).not.toContain(h.emulator.env.SHOPEE_PARTNER_KEY);

    await h.client.setLoggingLevel('error');
    messages.length = 0;
    await h.call('shopee_upload_images', { paths: [h.ws.png('c.png')] });
    expect(messages).toEqual([]);
  });
});
