import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_ID, startEmulator, type Emulator } from '../../src/emulator/index.js';
import {
  bearer,
  call,
  form,
  gif,
  jpeg,
  MB5,
  png,
  sha256,
  text,
  tracepassUpload,
  webp,
  type ImageListBody,
} from './helpers.js';

const READ_ONLY_KEY = 'tp_read_only';
const FULL_ID = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const URL_PATTERN = /\/r2\/emulator-company\/products\/[0-9a-f]{24}\/images\/[0-9a-f]{24}\.(jpg|png|webp)$/;
const NO_FILE = "No file provided. Send as multipart/form-data with field name 'file'.";
const UNSUPPORTED = 'Unsupported MIME type — accepts image/png, image/jpeg, image/webp';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ tracepass: { readOnlyKeys: [READ_ONLY_KEY] } });
  emu.addProduct({
    id: FULL_ID,
    name: 'Full',
    imageUrls: Array.from({ length: 20 }, (_, i) => `https://cdn/${i}.jpg`),
  });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const api = (path: string): string => `${emu.url}/api/v1${path}`;
const demo = (): string[] => emu.products.get(DEMO_PRODUCT_ID)?.imageUrls ?? [];

describe('TracePass authentication', () => {
  it.each([
    ['no header', {}, 'Missing or invalid Authorization header'],
    ['a non-Bearer scheme', { authorization: 'Basic dHA6eA==' }, 'Missing or invalid Authorization header'],
    ['an empty token', { authorization: 'Bearer ' }, 'Missing or invalid Authorization header'],
    ['an unknown key', bearer('tp_unknown'), 'Invalid API key'],
  ])('answers 401 to %s', async (_, headers: Record<string, string>, error) => {
    const answer = await call(api(`/products/${DEMO_PRODUCT_ID}`), { headers });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ error });
  });

  it('lets a read-only key read but not write', async () => {
    expect((await call(api(`/products/${DEMO_PRODUCT_ID}`), { headers: bearer(READ_ONLY_KEY) })).status).toBe(
      200,
    );
    const upload = await tracepassUpload(emu, DEMO_PRODUCT_ID, { data: jpeg() }, bearer(READ_ONLY_KEY));
    expect(upload.status).toBe(403);
    expect(upload.json).toEqual({ error: 'API key lacks the products:write scope' });
    const del = await call(api(`/products/${FULL_ID}/images/0`), {
      method: 'DELETE',
      headers: bearer(READ_ONLY_KEY),
    });
    expect(del.status).toBe(403);
    expect(demo()).toEqual([]);
    expect(emu.products.get(FULL_ID)?.imageUrls).toHaveLength(20);
  });
});

describe('TracePass products', () => {
  it('reads a product', async () => {
    const answer = await call(api(`/products/${DEMO_PRODUCT_ID}`), { headers: bearer() });
    expect(answer.json).toEqual({ id: DEMO_PRODUCT_ID, name: 'Demo battery pack', imageUrls: [] });
  });

  it('lists products up to the limit, with the total', async () => {
    const answer = await call(api('/products?limit=1'), { headers: bearer() });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      data: [{ id: DEMO_PRODUCT_ID, name: 'Demo battery pack', imageUrls: [] }],
      total: 2,
    });
  });

  it('answers 400 to a malformed id and 404 to an unknown one', async () => {
    const bad = await call(api('/products/not-an-id'), { headers: bearer() });
    expect([bad.status, bad.json]).toEqual([400, { error: 'Invalid product id' }]);
    const unknown = await call(api('/products/0123456789abcdef01234567'), { headers: bearer() });
    expect([unknown.status, unknown.json]).toEqual([404, { error: 'Product not found' }]);
    const upload = await tracepassUpload(emu, '0123456789abcdef01234567', { data: jpeg() });
    expect([upload.status, upload.json]).toEqual([404, { error: 'Product not found' }]);
  });

  it('answers 404 to any other route', async () => {
    for (const [method, path] of [
      ['GET', '/orders'],
      ['PUT', `/products/${DEMO_PRODUCT_ID}`],
      ['GET', `/products/${DEMO_PRODUCT_ID}/images`],
    ] as const) {
      const answer = await call(api(path), { method, headers: bearer() });
      expect([answer.status, answer.json]).toEqual([404, { error: 'Not found' }]);
    }
  });
});

describe('TracePass image upload', () => {
  it.each([
    ['image/jpeg', jpeg(), 'jpg'],
    ['image/png', png(), 'png'],
    ['image/webp', webp(), 'webp'],
  ])('appends a %s image and answers 201', async (contentType, data, ext) => {
    const before = [...demo()];
    const answer = await tracepassUpload(emu, DEMO_PRODUCT_ID, { data, contentType });
    expect(answer.status).toBe(201);
    const body = answer.json as ImageListBody;
    expect(body.imageUrl).toMatch(URL_PATTERN);
    expect(body.imageUrl?.startsWith(`${emu.url}/r2/emulator-company/products/${DEMO_PRODUCT_ID}/`)).toBe(
      true,
    );
    expect(body.imageUrl?.endsWith(`.${ext}`)).toBe(true);
    expect(body.imageUrls).toEqual([...before, body.imageUrl]);
    expect(demo()).toEqual(body.imageUrls);
    expect(emu.requests[0]?.parts[0]).toMatchObject({ field: 'file', contentType, sha256: sha256(data) });
  });

  it('accepts exactly 5,242,880 bytes and answers 413 to one more', async () => {
    expect((await tracepassUpload(emu, DEMO_PRODUCT_ID, { data: jpeg(MB5) })).status).toBe(201);
    const count = demo().length;
    const tooBig = await tracepassUpload(emu, DEMO_PRODUCT_ID, { data: jpeg(MB5 + 1) });
    expect([tooBig.status, tooBig.json]).toEqual([413, { error: 'Image must be under 5MB' }]);
    expect(demo()).toHaveLength(count);
  });

  it('answers 400 without a multipart body or a file part', async () => {
    const json = await call(api(`/products/${DEMO_PRODUCT_ID}/images`), {
      method: 'POST',
      headers: { ...bearer(), 'content-type': 'application/json' },
      body: '{"url":"x"}',
    });
    expect([json.status, json.json]).toEqual([400, { error: NO_FILE }]);
    const wrongField = await tracepassUpload(emu, DEMO_PRODUCT_ID, { data: jpeg(), field: 'image' });
    expect([wrongField.status, wrongField.json]).toEqual([400, { error: NO_FILE }]);
    const textOnly = form([{ field: 'file', value: 'https://cdn/x.jpg' }]);
    const asText = await call(api(`/products/${DEMO_PRODUCT_ID}/images`), {
      method: 'POST',
      headers: { ...textOnly.headers, ...bearer() },
      body: textOnly.body,
    });
    expect([asText.status, asText.json]).toEqual([400, { error: NO_FILE }]);
  });

  it.each([
    ['a declared type outside the list', jpeg(), 'text/plain'],
    ['bytes that are not an image', text(), 'image/jpeg'],
    ['a GIF', gif(), 'image/gif'],
    ['bytes disagreeing with the declared type', jpeg(), 'image/png'],
  ])('answers 415 to %s', async (_, data, contentType) => {
    const count = demo().length;
    const answer = await tracepassUpload(emu, DEMO_PRODUCT_ID, { data, contentType });
    expect([answer.status, answer.json]).toEqual([415, { error: UNSUPPORTED }]);
    expect(demo()).toHaveLength(count);
  });

  it('accepts the 20th image and answers 422 to the 21st', async () => {
    const product = emu.addProduct({
      imageUrls: Array.from({ length: 19 }, (_, i) => `https://cdn/${i}.jpg`),
    });
    expect((await tracepassUpload(emu, product.id, { data: png(), contentType: 'image/png' })).status).toBe(
      201,
    );
    const full = await tracepassUpload(emu, product.id, { data: png(), contentType: 'image/png' });
    expect([full.status, full.json]).toEqual([
      422,
      { error: 'Product already has 20 images (max). Delete one first.' },
    ]);
    expect(product.imageUrls).toHaveLength(20);
  });
});

describe('TracePass image delete', () => {
  it('removes the image at the index and answers 200 with the list', async () => {
    const product = emu.addProduct({ imageUrls: ['a', 'b', 'c'] });
    const answer = await call(api(`/products/${product.id}/images/1`), {
      method: 'DELETE',
      headers: bearer(),
    });
    expect([answer.status, answer.json]).toEqual([200, { imageUrls: ['a', 'c'] }]);
    expect(product.imageUrls).toEqual(['a', 'c']);
  });

  it.each(['2', '-1', 'one', '1.0'])('answers 400 to index %s of a two-image product', async (index) => {
    const product = emu.addProduct({ imageUrls: ['a', 'b'] });
    const answer = await call(api(`/products/${product.id}/images/${index}`), {
      method: 'DELETE',
      headers: bearer(),
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'Image index out of range: product has 2 images' },
    ]);
    expect(product.imageUrls).toEqual(['a', 'b']);
  });

  it('answers 204 with no body when so configured', async () => {
    const e = await startEmulator({
      tracepass: { deleteStatus: 204, products: [{ imageUrls: ['a', 'b'] }] },
    });
    try {
      const [product] = e.products.values();
      const answer = await call(`${e.url}/api/v1/products/${product?.id}/images/0`, {
        method: 'DELETE',
        headers: bearer(),
      });
      expect([answer.status, answer.text]).toEqual([204, '']);
      expect(product?.imageUrls).toEqual(['b']);
    } finally {
      await e.close();
    }
  });
});
