import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';
import { requestsOf } from '../helpers/observe.js';
import { startStdioServer, type StdioServer } from '../helpers/stdio-server.js';

// Several built servers over stdio on one state dir: what a user gets with the server configured in
// two clients, or one client that starts a server per window.
const PROCESSES = 4;
const CALLS_EACH = 3;

let emulator: Emulator | undefined;
let ws: Workspace | undefined;
const servers: StdioServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await emulator?.close();
  ws?.cleanup();
});

interface Out {
  image_url: string;
  already_uploaded?: boolean;
}

describe(`${PROCESSES} server processes sharing one upload record`, () => {
  it('add the image once when all of them upload the same file to the same product at once', async () => {
    emulator = await startEmulator();
    ws = makeWorkspace();
    const product = emulator.addProduct();
    // Large enough that the first upload is still under way when the others arrive.
    const path = ws.png('a.png', 3_000_000);
    const env = { ...emulator.env, CATALOG_UPLOAD_STATE_DIR: join(ws.base, 'state') };
    servers.push(
      ...(await Promise.all(Array.from({ length: PROCESSES }, () => startStdioServer(env, [ws!.root])))),
    );

    const calls = servers.flatMap((server) =>
      Array.from({ length: CALLS_EACH }, () =>
        server.client.callTool({
          name: 'tracepass_upload_image',
          arguments: { product_id: product.id, path },
        }),
      ),
    );
    const results = await Promise.all(calls);

    for (const result of results) expect(result.isError, JSON.stringify(result.content)).toBeUndefined();
    const outs = results.map((result) => result.structuredContent as Out);
    expect(product.imageUrls).toHaveLength(1);
    expect(requestsOf(emulator, 'POST')).toHaveLength(1);
    expect(new Set(outs.map((out) => out.image_url))).toEqual(new Set(product.imageUrls));
    expect(outs.filter((out) => out.already_uploaded !== true)).toHaveLength(1);
    for (const server of servers) expect(server.stderr()).not.toMatch(/Lost the|unreadable/);
  }, 60_000);
});
