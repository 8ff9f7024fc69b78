import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { TRACEPASS_MAX } from '../helpers/fixtures.js';
import { startHarness, textOf, type Harness } from '../helpers/harness.js';
import { gpsOf, HEIC_FIXTURE, makeImage, pixels } from '../images/helpers.js';
import { padJpeg } from '../images/pad.js';

// Upload tools through a real MCP client to the emulator on loopback, which keeps what it received.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const start = async () => (h = await startHarness({ emulator: { keepPartsUnder: 8 * 1024 * 1024 } }));
const received = (harness: Harness) => {
  const part = harness.emulator.requests.find((r) => r.method === 'POST')?.parts[0];
  if (!part?.data) throw new Error('the emulator received no file part');
  return part.data;
};
interface Prepared {
  to_bytes: number;
  changes: string[];
}
interface Out {
  prepared?: Prepared;
  images: { prepared?: Prepared }[];
}
const structured = (result: { structuredContent?: unknown }) => result.structuredContent as Out;

describe('metadata is stripped by default', () => {
  it('Shopee receives the JPEG without GPS, decoding to the same pixels', async () => {
    const harness = await start();
    const original = await makeImage('jpeg', { gps: true, exif: true });
    expect(await gpsOf(original)).toBeDefined();
    const path = harness.ws.file('gps.jpg', original);
    const result = await harness.call('shopee_upload_images', { paths: [path] });
    expect(result.isError).toBeFalsy();
    const sent = received(harness);
    expect(await gpsOf(sent)).toBeUndefined();
    expect((await pixels(sent)).data.equals((await pixels(original)).data)).toBe(true);
    expect(structured(result).images[0]?.prepared).toEqual({
      from_type: 'jpeg',
      from_bytes: original.length,
      to_type: 'jpeg',
      to_bytes: sent.length,
      width: 64,
      height: 48,
      changes: ['metadata_removed'],
    });
  });

  it('TracePass receives the JPEG without GPS; strip_metadata: false sends it byte for byte', async () => {
    const harness = await start();
    const product = harness.emulator.addProduct({ imageUrls: [] });
    const original = await makeImage('jpeg', { gps: true });
    const path = harness.ws.file('gps.jpg', original);
    const stripped = await harness.call('tracepass_upload_image', { product_id: product.id, path });
    expect(await gpsOf(received(harness))).toBeUndefined();
    expect(structured(stripped).prepared?.changes).toEqual(['metadata_removed']);
    harness.emulator.reset();
    const kept = await harness.call('tracepass_upload_image', {
      product_id: product.id,
      path,
      strip_metadata: false,
      allow_duplicate: true,
    });
    expect(received(harness).equals(original)).toBe(true);
    expect(structured(kept).prepared).toBeUndefined();
  });
});

describe('the size limit applies to the bytes sent', () => {
  it('accepts a file one byte over 5 MB that fits once its comments are removed', async () => {
    const harness = await start();
    const product = harness.emulator.addProduct({ imageUrls: [] });
    const path = harness.ws.file('big.jpg', padJpeg(await makeImage('jpeg'), TRACEPASS_MAX + 1, 0xfe));
    const result = await harness.call('tracepass_upload_image', { product_id: product.id, path });
    expect(result.isError).toBeFalsy();
    expect(received(harness).length).toBeLessThan(TRACEPASS_MAX);
  });

  it('refuses a file one byte over 5 MB of kept segments, saying fit: true would prepare it', async () => {
    const harness = await start();
    const product = harness.emulator.addProduct({ imageUrls: [] });
    const path = harness.ws.file('big.jpg', padJpeg(await makeImage('jpeg'), TRACEPASS_MAX + 1, 0xe5));
    const result = await harness.call('tracepass_upload_image', { product_id: product.id, path });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/5,242,881 bytes; TracePass accepts at most 5,242,880 bytes.*fit: true/);
    expect(harness.emulator.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });
});

describe('fit', () => {
  it('refuses a HEIC without fit, naming fit: true and the iPhone setting', async () => {
    const harness = await start();
    const path = harness.ws.file('phone.heic', readFileSync(HEIC_FIXTURE));
    const result = await harness.call('shopee_upload_images', { paths: [path] });
    expect(textOf(result)).toMatch(
      /HEIC\/HEIF image; Shopee accepts only JPEG or PNG.*fit: true.*Most Compatible/,
    );
  });

  it('converts a HEIC to a JPEG without GPS for Shopee', async () => {
    const harness = await start();
    const path = harness.ws.file('phone.heic', readFileSync(HEIC_FIXTURE));
    const result = await harness.call('shopee_upload_images', { paths: [path], fit: true });
    expect(result.isError).toBeFalsy();
    const sent = received(harness);
    expect(harness.emulator.requests.at(-1)?.parts[0]).toMatchObject({
      filename: 'phone.jpg',
      sniffed: 'jpeg',
    });
    expect(await gpsOf(sent)).toBeUndefined();
    expect(structured(result).images[0]?.prepared).toMatchObject({
      from_type: 'heic',
      to_type: 'jpeg',
      to_bytes: sent.length,
      changes: expect.arrayContaining(['converted']),
    });
  });

  it('shrinks an oversize JPEG under 5 MB for TracePass; a dry run reports it without sending', async () => {
    const harness = await start();
    const product = harness.emulator.addProduct({ imageUrls: [] });
    const noisy = await makeImage('jpeg', { width: 2400, height: 1800, noise: true, quality: 100 });
    expect(noisy.length).toBeGreaterThan(TRACEPASS_MAX);
    const path = harness.ws.file('huge.jpg', noisy);
    const dry = await harness.call('tracepass_upload_image', {
      product_id: product.id,
      path,
      fit: true,
      dry_run: true,
    });
    expect(harness.emulator.requests.filter((r) => r.method === 'POST')).toEqual([]);
    const estimate = structured(dry).prepared;
    expect(estimate?.to_bytes).toBeLessThanOrEqual(TRACEPASS_MAX);
    const result = await harness.call('tracepass_upload_image', { product_id: product.id, path, fit: true });
    expect(result.isError).toBeFalsy();
    const sent = received(harness);
    expect(sent.length).toBeLessThanOrEqual(TRACEPASS_MAX);
    expect(structured(result).prepared).toEqual({ ...estimate, to_bytes: sent.length });
  });
});
