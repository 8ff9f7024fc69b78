import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHOPEE_SHOP } from '../../src/emulator/index.js';
import { AllowedRoots, createFileAccess } from '../../src/files/index.js';
import { buildMultipart } from '../../src/http/multipart.js';
import { SHOPEE_IMAGE_RULE } from '../../src/platforms/shopee/limits.js';
import { startHarness, textOf, type Harness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://cdn.example/p/${i}.jpg`);
const requestLines = () => h.emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

/** A harness whose client has read tools/list, so it checks every result against the output schema too. */
async function start(options?: Parameters<typeof startHarness>[0]): Promise<Harness> {
  const harness = await startHarness(options);
  await harness.client.listTools();
  return harness;
}

describe('dry_run on shopee_upload_images', () => {
  it('checks every file and describes the signed upload, sending nothing', async () => {
    h = await start();
    const hero = h.ws.png('hero.png', 12_000);
    const detail = h.ws.jpeg('detail.jpg', 2_500);
    const result = await h.call('shopee_upload_images', {
      paths: ['hero.png', detail],
      scene: 'desc',
      dry_run: true,
    });
    expect(result.isError).toBeUndefined();
    const out = result.structuredContent as { would_send: { total_bytes: number } };
    expect(out).toEqual({
      dry_run: true,
      request_id: '',
      images: [{ path: 'hero.png' }, { path: detail }],
      would_send: {
        method: 'POST',
        url: `${h.emulator.url}/api/v2/media_space/upload_image?partner_id=2001887`,
        parts: [
          'image: hero.png (image/png, 12,000 bytes)',
          'image: detail.jpg (image/jpeg, 2,500 bytes)',
          'scene: desc',
        ],
        total_bytes: expect.any(Number),
      },
    });
    expect(h.emulator.requests).toEqual([]);

    // The body length is the Content-Length the real upload would send.
    const images = await createFileAccess(new AllowedRoots([h.ws.root])).openImages(
      [hero, detail],
      SHOPEE_IMAGE_RULE,
    );
    const body = await buildMultipart([
      ...images.map((file) => ({ name: 'image', file })),
      { name: 'scene', value: 'desc' },
    ]);
    body.stream.destroy();
    await Promise.all(images.map((image) => image.close()));
    expect(out.would_send.total_bytes).toBe(body.length);

    expect(textOf(result)).toBe(
      [
        'Dry run: nothing was sent. All 2 file(s) passed the checks; the upload would be:',
        `POST ${h.emulator.url}/api/v2/media_space/upload_image?partner_id=2001887`,
        '- image: hero.png (image/png, 12,000 bytes)',
        '- image: detail.jpg (image/jpeg, 2,500 bytes)',
        '- scene: desc',
        `Body: ${body.length.toLocaleString('en-US')} bytes of multipart/form-data.`,
        'Timestamp and signature are added when it is sent. Call again without dry_run to upload.',
      ].join('\n'),
    );
  });

  it('names the shop but never the access token in Shop mode', async () => {
    h = await start({
      env: {
        SHOPEE_SHOP_ID: String(DEFAULT_SHOPEE_SHOP.shopId),
        SHOPEE_ACCESS_TOKEN: DEFAULT_SHOPEE_SHOP.accessToken,
      },
    });
    const result = await h.call('shopee_upload_images', { paths: [h.ws.png('a.png')], dry_run: true });
    const url = (result.structuredContent as { would_send: { url: string } }).would_send.url;
    expect(new URL(url).search).toBe('?partner_id=2001887&shop_id=600001');
    expect(JSON.stringify(result)).not.toContain(DEFAULT_SHOPEE_SHOP.accessToken);
    expect(JSON.stringify(result)).not.toContain(h.emulator.env.SHOPEE_PARTNER_KEY);
  });

  it('refuses what the real call refuses: a bad file, a missing configuration', async () => {
    h = await start();
    const bad = await h.call('shopee_upload_images', {
      paths: [h.ws.png('ok.png'), h.ws.webp('w.webp')],
      dry_run: true,
    });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/^Nothing was uploaded: 1 of 2 files were refused\./);
    await h.close();

    h = await start({ env: { SHOPEE_PARTNER_KEY: '' } });
    const unconfigured = await h.call('shopee_upload_images', { paths: [h.ws.png('a.png')], dry_run: true });
    expect(textOf(unconfigured)).toMatch(
      /^SHOPEE_PARTNER_KEY is not set \(SHOPEE_PARTNER_ID is\): set SHOPEE_PARTNER_KEY too\.$/,
    );
    expect(h.emulator.requests).toEqual([]);
  });
});

describe('dry_run on tracepass_upload_image', () => {
  it('reads the product and says which index the image would get, uploading nothing', async () => {
    h = await start();
    const product = h.emulator.addProduct({ imageUrls: urls(2) });
    const result = await h.call('tracepass_upload_image', {
      product_id: product.id,
      path: h.ws.webp('passport.webp', 3_000),
      dry_run: true,
    });
    expect(result.structuredContent).toEqual({
      dry_run: true,
      image_url: '',
      image_urls: urls(2),
      index: 2,
      would_send: {
        method: 'POST',
        url: `${h.emulator.url}/api/v1/products/${product.id}/images`,
        parts: ['file: passport.webp (image/webp, 3,000 bytes)'],
        total_bytes: expect.any(Number),
      },
    });
    expect(textOf(result)).toMatch(
      new RegExp(
        `^Dry run: nothing was sent\\. Product ${product.id} has 2 image\\(s\\); .*passport\\.webp would become image 2 \\(3 of 20\\)`,
      ),
    );
    expect(requestLines()).toEqual([`GET /api/v1/products/${product.id} 200`]);
    expect(h.emulator.products.get(product.id)?.imageUrls).toEqual(urls(2));
  });

  it('refuses a full product and an unknown one, as the real call would', async () => {
    h = await start();
    const full = h.emulator.addProduct({ imageUrls: urls(20) });
    const refused = await h.call('tracepass_upload_image', {
      product_id: full.id,
      path: h.ws.png('a.png'),
      dry_run: true,
    });
    expect(textOf(refused)).toMatch(/already has 20 images.*Remove one with tracepass_delete_image first/);
    const unknown = await h.call('tracepass_upload_image', {
      product_id: 'c'.repeat(24),
      path: h.ws.png('a.png'),
      dry_run: true,
    });
    expect(textOf(unknown)).toMatch(/HTTP 404: "Product not found"\)\. TracePass has no product c{24}/);
    expect(requestLines().every((line) => line.startsWith('GET '))).toBe(true);
  });
});

describe('dry_run on tracepass_delete_image', () => {
  it('shows the URL at index and deletes nothing', async () => {
    h = await start();
    const product = h.emulator.addProduct({ imageUrls: urls(3) });
    const result = await h.call('tracepass_delete_image', {
      product_id: product.id,
      index: 1,
      dry_run: true,
    });
    expect(result.structuredContent).toEqual({
      dry_run: true,
      image_urls: urls(3),
      would_delete_url: urls(3)[1],
      would_send: { method: 'DELETE', url: `${h.emulator.url}/api/v1/products/${product.id}/images/1` },
    });
    expect(textOf(result)).toMatch(
      /^Dry run: nothing was deleted\. Image 1 of product \w+ is https:\/\/cdn\.example\/p\/1\.jpg; deleting it would leave 2 image\(s\)/,
    );
    expect(textOf(result)).toMatch(/with expected_url set to that URL/);
    expect(requestLines()).toEqual([`GET /api/v1/products/${product.id} 200`]);
    expect(h.emulator.products.get(product.id)?.imageUrls).toEqual(urls(3));
  });

  it('refuses an index past the end and a mismatched expected_url', async () => {
    h = await start();
    const product = h.emulator.addProduct({ imageUrls: urls(2) });
    const past = await h.call('tracepass_delete_image', { product_id: product.id, index: 4, dry_run: true });
    expect(textOf(past)).toMatch(/no image at index 4 \(valid indices are 0–1\)/);
    const wrong = await h.call('tracepass_delete_image', {
      product_id: product.id,
      index: 0,
      expected_url: urls(2)[1],
      dry_run: true,
    });
    expect(textOf(wrong)).toMatch(/The expected image is now at index 1: call again with index 1\./);
    expect(requestLines().some((line) => line.startsWith('DELETE'))).toBe(false);
  });
});
