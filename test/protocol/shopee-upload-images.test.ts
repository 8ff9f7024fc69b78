import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHOPEE_SHOP } from '../../src/emulator/index.js';
import { SHOPEE_MAX } from '../helpers/fixtures.js';
import { startHarness, textOf, type Harness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('shopee_upload_images', () => {
  it('uploads one image, streaming exactly its bytes, and returns its image_id', async () => {
    h = await startHarness();
    const path = h.ws.png('hero.png');
    const result = await h.call('shopee_upload_images', { paths: [path] });
    expect(result.isError).toBeUndefined();
    const out = result.structuredContent as {
      request_id: string;
      images: { path: string; image_id: string }[];
    };
    expect(out.request_id).toMatch(/^[0-9a-f]+$/);
    expect(out.images).toEqual([
      {
        path,
        image_id: expect.stringMatching(/^sg-11134201-/),
        image_url_list: expect.arrayContaining([
          { image_url_region: 'SG', image_url: expect.stringContaining(out.images[0]!.image_id) },
        ]),
      },
    ]);
    expect(textOf(result)).toMatch(/^Uploaded 1 of 1 image\(s\) to Shopee/);
    expect(h.emulator.requests).toHaveLength(1);
    const [request] = h.emulator.requests;
    expect(request).toMatchObject({
      platform: 'shopee',
      method: 'POST',
      path: '/api/v2/media_space/upload_image',
      status: 200,
    });
    expect(request?.parts).toEqual([
      expect.objectContaining({
        field: 'image',
        filename: 'hero.png',
        contentType: 'image/png',
        sha256: sha256(path),
      }),
    ]);
    expect(Object.keys(request?.query ?? {}).sort()).toEqual(['partner_id', 'sign', 'timestamp']);
  });

  it('sends 8 images in input order with scene and ratio, and maps results back by index', async () => {
    h = await startHarness();
    const paths = Array.from({ length: 8 }, (_, i) =>
      i % 2 ? h.ws.jpeg(`p${i}.jpg`) : h.ws.png(`p${i}.png`),
    );
    const result = await h.call('shopee_upload_images', { paths, scene: 'desc', ratio: '3:4' });
    const out = result.structuredContent as { images: { path: string; image_id?: string }[] };
    expect(out.images.map((image) => image.path)).toEqual(paths);
    expect(out.images.every((image) => image.image_id)).toBe(true);
    expect(new Set(out.images.map((image) => image.image_id)).size).toBe(8);
    const [request] = h.emulator.requests;
    expect(request?.parts.map((part) => part.filename)).toEqual(paths.map((p) => p.split('/').pop()));
    expect(request?.parts.map((part) => part.contentType)).toEqual(
      paths.map((p) => (p.endsWith('.jpg') ? 'image/jpeg' : 'image/png')),
    );
    expect(request?.fields).toEqual({ scene: 'desc', ratio: '3:4' });
  });

  it('refuses 0 and 9 paths in the schema, before anything is sent', async () => {
    h = await startHarness();
    const none = await h.call('shopee_upload_images', { paths: [] });
    expect(none.isError).toBe(true);
    expect(textOf(none)).toMatch(/give at least one image path/);
    const nine = await h.call('shopee_upload_images', {
      paths: Array.from({ length: 9 }, (_, i) => h.ws.png(`n${i}.png`)),
    });
    expect(nine.isError).toBe(true);
    expect(textOf(nine)).toMatch(/Shopee takes at most 8 images per call: split the batch/);
    const bad = await h.call('shopee_upload_images', {
      paths: [h.ws.png('a.png')],
      scene: 'square',
      ratio: '16:9',
    });
    expect(textOf(bad)).toMatch(/scene[\s\S]*ratio|ratio[\s\S]*scene/);
    expect(h.emulator.requests).toEqual([]);
  });

  it('accepts a file of exactly 10,485,760 bytes and refuses 10,485,761 without sending', async () => {
    h = await startHarness();
    const at = await h.call('shopee_upload_images', { paths: [h.ws.jpeg('at.jpg', SHOPEE_MAX)] });
    expect(at.isError).toBeUndefined();
    expect(h.emulator.requests[0]?.parts[0]?.size).toBe(SHOPEE_MAX);
    h.emulator.reset();
    const over = await h.call('shopee_upload_images', { paths: [h.ws.jpeg('over.jpg', SHOPEE_MAX + 1)] });
    expect(over.isError).toBe(true);
    expect(textOf(over)).toMatch(/is 10,485,761 bytes; Shopee accepts at most 10,485,760 bytes/);
    expect(h.emulator.requests).toEqual([]);
  });

  it.each([
    ['a missing file', () => 'missing.png', /no such file in the allowed folders/],
    [
      'a folder',
      (h: Harness) => (mkdirSync(join(h.ws.root, 'dir.png')), 'dir.png'),
      /is a folder, not an image file/,
    ],
    ['a FIFO', (h: Harness) => h.ws.fifo('pipe.jpg'), /is a pipe \(FIFO\)/],
    ['a WebP image', (h: Harness) => h.ws.webp('w.png'), /is a WebP image; Shopee accepts only JPEG or PNG/],
    ['text named .jpg', (h: Harness) => h.ws.file('fake.jpg', 'hello'), /is not a JPEG or PNG image/],
    [
      'a ../ escape',
      (h: Harness) => (h.ws.png('s.png', undefined, h.ws.outside), '../outside/s.png'),
      /outside the allowed folders/,
    ],
    [
      'a prefix sibling',
      (h: Harness) => h.ws.png('e.png', undefined, h.ws.rootEvil),
      /outside the allowed folders/,
    ],
    [
      'a symlink escaping the root',
      (h: Harness) => {
        symlinkSync(h.ws.png('t.png', undefined, h.ws.outside), join(h.ws.root, 'l.png'));
        return 'l.png';
      },
      /outside the allowed folders \([^)]*\)\. Copy the file/,
    ],
  ])('refuses %s with the reason, sending nothing', async (_name, make, reason) => {
    h = await startHarness();
    const result = await h.call('shopee_upload_images', { paths: [make(h)] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(reason);
    expect(h.emulator.requests).toEqual([]);
  });

  it('refuses the whole batch when one file is bad', async () => {
    h = await startHarness();
    const result = await h.call('shopee_upload_images', {
      paths: [h.ws.png('good.png'), h.ws.webp('bad.webp'), h.ws.png('good2.png')],
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^Nothing was uploaded: 1 of 3 files were refused\.\n- Cannot use ".*bad\.webp": is a WebP image/,
    );
    expect(h.emulator.requests).toEqual([]);
  });

  it('names the variables to set when Shopee is not configured', async () => {
    h = await startHarness({ env: { SHOPEE_PARTNER_ID: '', SHOPEE_PARTNER_KEY: '' } });
    const result = await h.call('shopee_upload_images', { paths: [h.ws.png('a.png')] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Shopee is not configured: set SHOPEE_PARTNER_ID and SHOPEE_PARTNER_KEY/);
    expect(h.emulator.requests).toEqual([]);
  });

  it('explains a wrong partner key without retrying or revealing it', async () => {
    h = await startHarness({ env: { SHOPEE_PARTNER_KEY: 'wrong-partner-key-123' } });
    const result = await h.call('shopee_upload_images', { paths: [h.ws.png('a.png')] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /Shopee rejected the request signature \("error_sign": "Wrong sign\."\) \(request_id "\w+"\)\. Check that SHOPEE_PARTNER_KEY/,
    );
    expect(textOf(result)).not.toContain('wrong-partner-key-123');
    expect(h.emulator.requests.map((r) => r.error)).toEqual(['error_sign']);
  });

  it('signs as a Shop API call when shop id and access token are set', async () => {
    h = await startHarness({
      env: {
        SHOPEE_SHOP_ID: String(DEFAULT_SHOPEE_SHOP.shopId),
        SHOPEE_ACCESS_TOKEN: DEFAULT_SHOPEE_SHOP.accessToken,
      },
    });
    const result = await h.call('shopee_upload_images', { paths: [h.ws.png('a.png')] });
    expect(result.isError).toBeUndefined();
    expect(h.emulator.requests[0]?.query).toMatchObject({
      shop_id: String(DEFAULT_SHOPEE_SHOP.shopId),
      access_token: '[redacted]',
    });

    h.emulator.reset();
    await h.close();
    h = await startHarness({
      env: { SHOPEE_SHOP_ID: String(DEFAULT_SHOPEE_SHOP.shopId), SHOPEE_ACCESS_TOKEN: 'expired-token' },
    });
    const refused = await h.call('shopee_upload_images', { paths: [h.ws.png('a.png')] });
    expect(textOf(refused)).toMatch(
      /Shopee refused the credentials \("error_auth": "Invalid access_token\."\)/,
    );
    expect(textOf(refused)).not.toContain('expired-token');
  });

  it('reports per-image failures; the call fails only when no image succeeded', async () => {
    h = await startHarness();
    const paths = [h.ws.png('a.png'), h.ws.png('b.png'), h.ws.png('c.png')];
    h.emulator.inject({ platform: 'shopee', kind: 'partial-failure', failIndices: [1] });
    const partial = await h.call('shopee_upload_images', { paths });
    expect(partial.isError).toBeUndefined();
    const images = (partial.structuredContent as { images: { image_id?: string; error?: string }[] }).images;
    expect(images.map((image) => Boolean(image.image_id))).toEqual([true, false, true]);
    expect(images[1]).toMatchObject({ error: 'error_tier_img_partial' });
    expect(textOf(partial)).toMatch(/Uploaded 2 of 3/);

    h.emulator.inject({ platform: 'shopee', kind: 'partial-failure', failIndices: [0, 1, 2] });
    const none = await h.call('shopee_upload_images', { paths });
    expect(none.isError).toBe(true);
    expect(textOf(none)).toMatch(/Uploaded 0 of 3/);
  });

  it('decides by the error field when Shopee answers errors with HTTP 200', async () => {
    h = await startHarness({
      emulator: { shopee: { errorStatus: 200 } },
      env: { SHOPEE_PARTNER_KEY: 'another-wrong-key' },
    });
    const result = await h.call('shopee_upload_images', { paths: [h.ws.png('a.png')] });
    expect(h.emulator.requests[0]?.status).toBe(200);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/error_sign/);
  });

  it.each(['info', 'both'] as const)(
    'reads a single image from response.image_info (%s shape)',
    async (shape) => {
      h = await startHarness({ emulator: { shopee: { singleImageShape: shape } } });
      const result = await h.call('shopee_upload_images', { paths: [h.ws.png('a.png')] });
      expect((result.structuredContent as { images: { image_id?: string }[] }).images[0]?.image_id).toMatch(
        /^sg-/,
      );
    },
  );

  it('says the clock is off when the timestamp is outside the 5-minute window', async () => {
    h = await startHarness({ now: () => Date.now() - 10 * 60_000 });
    const result = await h.call('shopee_upload_images', { paths: [h.ws.png('a.png')] });
    expect(textOf(result)).toMatch(/This machine's clock is off/);
  });
});
