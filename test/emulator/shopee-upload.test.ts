import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import {
  call,
  form,
  images,
  jpeg,
  MB10,
  png,
  sha256,
  shopeeUpload,
  signedParams,
  text,
  UPLOAD_PATH,
  webp,
  type ShopeeUploadBody,
} from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const FORMAT_ERROR = { error: 'error_param', message: 'Image format should be JPG, JPEG or PNG.' };
const SIZE_ERROR = { error: 'error_param', message: 'Image size should not exceed 10 MB.' };

function imageList(body: unknown): NonNullable<NonNullable<ShopeeUploadBody['response']>['image_info_list']> {
  return (body as ShopeeUploadBody).response?.image_info_list ?? [];
}

describe('Shopee media_space/upload_image', () => {
  it('stores one image and answers with image_info_list only', async () => {
    const data = jpeg(2048);
    const answer = await shopeeUpload(emu, images([data]));
    expect(answer.status).toBe(200);
    const body = answer.json as ShopeeUploadBody;
    expect(body).toMatchObject({
      error: '',
      message: '',
      warning: '',
      request_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(Object.keys(body.response ?? {})).toEqual(['image_info_list']);
    const [only] = imageList(body);
    const imageId = only?.image_info?.image_id ?? '';
    expect(imageId).toMatch(/^sg-11134201-[0-9a-f]+$/);
    expect(only).toEqual({
      id: 0,
      error: '',
      message: '',
      image_info: {
        image_id: imageId,
        image_url_list: [
          { image_url_region: 'SG', image_url: `${emu.url}/shopee/file/${imageId}` },
          { image_url_region: 'BR', image_url: `${emu.url}/shopee/file/${imageId}` },
        ],
      },
    });
    expect(emu.shopeeImages.get(imageId)).toEqual({
      imageId,
      size: 2048,
      sha256: sha256(data),
      sniffed: 'jpeg',
    });
    expect(emu.requests[0]?.parts).toEqual([
      {
        field: 'image',
        filename: 'img-0',
        contentType: 'image/jpeg',
        size: 2048,
        sha256: sha256(data),
        sniffed: 'jpeg',
      },
    ]);
  });

  it('stores eight images, indexed in part order', async () => {
    const files = [jpeg(), png(), jpeg(), png(), jpeg(), png(), jpeg(), png()];
    const answer = await shopeeUpload(emu, images(files));
    expect(answer.status).toBe(200);
    const list = imageList(answer.json);
    expect(list.map((r) => [r.id, r.error])).toEqual(files.map((_, i) => [i, '']));
    expect(new Set(list.map((r) => r.image_info?.image_id)).size).toBe(8);
    expect(emu.requests[0]?.parts.map((p) => p.sniffed)).toEqual([
      'jpeg',
      'png',
      'jpeg',
      'png',
      'jpeg',
      'png',
      'jpeg',
      'png',
    ]);
  });

  it('refuses a ninth image', async () => {
    const answer = await shopeeUpload(emu, images(Array.from({ length: 9 }, () => jpeg())));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      request_id: expect.any(String),
      error: 'error_param',
      message: 'Wrong parameters, detail: image number should be less than 9.',
    });
    expect(emu.shopeeImages.size).toBe(0);
  });

  it('requires at least one image', async () => {
    const answer = await shopeeUpload(emu, [{ field: 'scene', value: 'normal' }]);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      error: 'error_param',
      message: 'Wrong parameters, detail: image is required.',
    });
  });

  it('accepts an image of exactly 10,485,760 bytes', async () => {
    const answer = await shopeeUpload(emu, images([png(MB10)]));
    expect(imageList(answer.json)[0]).toMatchObject({ id: 0, error: '', message: '' });
    expect(emu.requests[0]?.parts[0]).toMatchObject({ size: MB10, sniffed: 'png' });
  });

  it('refuses an image one byte over 10 MB, per image, while the others succeed', async () => {
    const answer = await shopeeUpload(emu, images([jpeg(), jpeg(MB10 + 1), png()]));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ error: '', message: '' });
    const list = imageList(answer.json);
    expect(list[1]).toEqual({ id: 1, ...SIZE_ERROR });
    expect(list.map((r) => r.error)).toEqual(['', 'error_param', '']);
    expect(emu.requests[0]?.parts[1]).toMatchObject({ size: MB10 + 1, truncated: true });
    expect(emu.shopeeImages.size).toBe(2);
  });

  it('answers HTTP 200 with per-image errors when every image fails', async () => {
    const answer = await shopeeUpload(emu, images([text(), webp()]));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ error: '', message: '' });
    expect(imageList(answer.json)).toEqual([
      { id: 0, ...FORMAT_ERROR },
      { id: 1, ...FORMAT_ERROR },
    ]);
  });

  it('judges the format by bytes, not by the declared type', async () => {
    const answer = await shopeeUpload(emu, [
      { field: 'image', data: webp(), filename: 'x.jpg', contentType: 'image/jpeg' },
    ]);
    expect(imageList(answer.json)).toEqual([{ id: 0, ...FORMAT_ERROR }]);
    expect(emu.requests[0]?.parts[0]?.sniffed).toBe('webp');
  });

  it('accepts the documented scene and ratio values', async () => {
    const answer = await shopeeUpload(emu, [
      ...images([jpeg()]),
      { field: 'scene', value: 'desc' },
      { field: 'ratio', value: '3:4' },
    ]);
    expect(imageList(answer.json)[0]?.error).toBe('');
    expect(emu.requests[0]?.fields).toEqual({ scene: 'desc', ratio: '3:4' });
  });

  it.each([
    ['scene', 'square', 'Wrong parameters, detail: scene should be one of normal, desc.'],
    ['ratio', '16:9', 'Wrong parameters, detail: ratio should be one of 1:1, 3:4.'],
  ])('refuses %s=%s', async (field, value, message) => {
    const answer = await shopeeUpload(emu, [...images([jpeg()]), { field, value }]);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: 'error_param', message });
    expect(emu.shopeeImages.size).toBe(0);
  });

  it('refuses an unknown field, text or file', async () => {
    const textField = await shopeeUpload(emu, [...images([jpeg()]), { field: 'caption', value: 'x' }]);
    expect(textField.json).toMatchObject({
      error: 'error_param',
      message: "Wrong parameters, detail: unknown field 'caption'.",
    });
    const fileField = await shopeeUpload(emu, [{ field: 'file', data: jpeg() }]);
    expect(fileField.json).toMatchObject({ message: "Wrong parameters, detail: unknown field 'file'." });
  });

  it('refuses a body that is not multipart/form-data', async () => {
    const answer = await call(`${emu.url}${UPLOAD_PATH}?${signedParams()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"image":"x"}',
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      error: 'error_param',
      message: 'Wrong parameters, detail: body must be multipart/form-data.',
    });
  });

  it('refuses a multipart body cut short', async () => {
    const { body, headers } = form(images([jpeg()]));
    const cut = body.subarray(0, body.length - 20);
    const answer = await call(`${emu.url}${UPLOAD_PATH}?${signedParams()}`, {
      method: 'POST',
      headers,
      body: cut,
    });
    expect(answer.json).toMatchObject({
      error: 'error_param',
      message: 'Wrong parameters, detail: malformed multipart body.',
    });
  });

  it('gives every answer a fresh request_id', async () => {
    const a = await shopeeUpload(emu, images([jpeg()]));
    const b = await shopeeUpload(emu, images([jpeg()]));
    expect((a.json as ShopeeUploadBody).request_id).not.toBe((b.json as ShopeeUploadBody).request_id);
  });
});
