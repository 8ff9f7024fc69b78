import { createServer } from 'node:net';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_ID, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { AllowedRoots, createFileAccess, type OpenedImage } from '../../src/files/index.js';
import { UpstreamError } from '../../src/http/errors.js';
import { SHOPEE_IMAGE_RULE } from '../../src/platforms/shopee/limits.js';
import { TRACEPASS_IMAGE_RULE } from '../../src/platforms/tracepass/limits.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';
import { shopeeClient, tracepassClient } from '../helpers/clients.js';

let emulator: Emulator;
let ws: Workspace;
let opened: OpenedImage[] = [];
beforeEach(async () => {
  emulator = await startEmulator();
  ws = makeWorkspace();
});
afterEach(async () => {
  await Promise.all(opened.map((image) => image.close()));
  opened = [];
  await emulator.close();
  ws.cleanup();
});

async function open(paths: string[], rule = SHOPEE_IMAGE_RULE) {
  const images = await createFileAccess(new AllowedRoots([ws.root])).openImages(paths, rule);
  opened.push(...images);
  return images;
}

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Shopee adapter against the emulator', () => {
  it('sends a multipart body with an exact Content-Length and reports increasing byte progress', async () => {
    const shopee = shopeeClient(emulator.env);
    const images = await open([ws.png('a.png', 3_000_000), ws.jpeg('b.jpg', 2_000_000)]);
    const progress: [number, number][] = [];
    const result = await shopee.uploadImages({
      images,
      onProgress: (sent, total) => progress.push([sent, total]),
    });
    expect(result.images.map((image) => image.imageId)).toEqual([
      expect.stringMatching(/^sg-/),
      expect.stringMatching(/^sg-/),
    ]);
    const total = progress[0]![1];
    expect(total).toBeGreaterThan(5_000_000);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.every(([sent], i) => i === 0 || sent > progress[i - 1]![0])).toBe(true);
    expect(emulator.requests[0]?.parts.map((part) => part.size)).toEqual([3_000_000, 2_000_000]);
  });

  it('signs each attempt with a fresh timestamp when it retries a 5xx', async () => {
    let tick = 0;
    const shopee = shopeeClient(emulator.env, { fast: true, now: () => Date.now() + 1_000 * tick++ });
    emulator.inject({ platform: 'shopee', kind: 'status-5xx', times: 2 });
    const result = await shopee.uploadImages({ images: await open([ws.png('a.png')]) });
    expect(result.images[0]?.imageId).toMatch(/^sg-/);
    expect(emulator.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(emulator.requests.map((r) => r.query.timestamp)).size).toBe(3);
  });

  it('sends through an injected dispatcher, reusing one keep-alive connection across calls', async () => {
    const agent = new Agent();
    const connections: string[] = [];
    agent.on('connect', (origin) => connections.push(String(origin)));
    const shopee = shopeeClient(emulator.env, { dispatcher: agent });
    for (let i = 0; i < 3; i++) await shopee.uploadImages({ images: await open([ws.png(`k${i}.png`)]) });
    expect(emulator.requests.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(connections).toEqual([`${emulator.url}/`]);
    await agent.close();
  });

  it('reports an unreachable host with the variable to check, as never sent', async () => {
    const port = await closedPort();
    const shopee = shopeeClient(
      { ...emulator.env, SHOPEE_BASE_URL: `http://127.0.0.1:${port}` },
      { fast: true },
    );
    const error = await shopee
      .uploadImages({ images: await open([ws.png('a.png')]) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: 'unreachable' });
    expect((error as Error).message).toMatch(
      /Could not connect to Shopee at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Check SHOPEE_BASE_URL/,
    );
  });
});

describe('TracePass adapter against the emulator', () => {
  it('reads, posts and deletes with the Bearer key', async () => {
    const tracepass = tracepassClient(emulator.env);
    const [image] = await open([ws.webp('w.webp')], TRACEPASS_IMAGE_RULE);
    expect(await tracepass.getProduct(DEMO_PRODUCT_ID)).toEqual({ id: DEMO_PRODUCT_ID, imageUrls: [] });
    const posted = await tracepass.postImage(DEMO_PRODUCT_ID, image!);
    expect(posted.imageUrls).toEqual([posted.imageUrl]);
    expect(await tracepass.deleteImage(DEMO_PRODUCT_ID, 0)).toEqual({ imageUrls: [] });
    expect(emulator.requests.every((r) => r.hasAuthorization)).toBe(true);
    await tracepass.listProducts(1);
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'GET', status: 200 });
  });

  it('maps an HTML 502 from a gateway and retries reads only', async () => {
    const tracepass = tracepassClient(emulator.env, { fast: true });
    emulator.inject({ platform: 'tracepass', method: 'GET', kind: 'html-502' });
    expect(await tracepass.getProduct(DEMO_PRODUCT_ID)).toMatchObject({ imageUrls: [] });
    expect(emulator.requests.map((r) => r.status)).toEqual([502, 200]);

    emulator.inject({ platform: 'tracepass', method: 'POST', kind: 'html-502' });
    const [image] = await open([ws.png('a.png')], TRACEPASS_IMAGE_RULE);
    const error = await tracepass.postImage(DEMO_PRODUCT_ID, image!).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /HTTP 502: an HTML error page from a gateway\)\. TracePass had a server problem/,
    );
    expect(emulator.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});
