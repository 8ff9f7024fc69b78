import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { images, jpeg, shopeeUpload, signedParams, text, type ShopeeUploadBody } from './helpers.js';

let emu: Emulator | undefined;
afterEach(() => emu?.close());

async function start(shopee: EmulatorOptions['shopee']): Promise<Emulator> {
  emu = await startEmulator({ shopee });
  return emu;
}

describe('Shopee singleImageShape', () => {
  it("'info' answers a single image with response.image_info alone", async () => {
    const e = await start({ singleImageShape: 'info' });
    const answer = await shopeeUpload(e, images([jpeg()]));
    const body = answer.json as ShopeeUploadBody;
    expect(Object.keys(body.response ?? {})).toEqual(['image_info']);
    expect(body.response?.image_info?.image_id).toMatch(/^sg-11134201-/);
  });

  it("'info' turns a failed single image into the call's error", async () => {
    const e = await start({ singleImageShape: 'info' });
    const answer = await shopeeUpload(e, images([text()]));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      request_id: expect.any(String),
      error: 'error_param',
      message: 'Image format should be JPG, JPEG or PNG.',
    });
  });

  it("'both' answers a single image with image_info and image_info_list", async () => {
    const e = await start({ singleImageShape: 'both' });
    const body = (await shopeeUpload(e, images([jpeg()]))).json as ShopeeUploadBody;
    expect(body.response?.image_info).toEqual(body.response?.image_info_list?.[0]?.image_info);
    expect(body.response?.image_info_list).toHaveLength(1);
  });

  it('keeps image_info_list for two images whatever the shape', async () => {
    const e = await start({ singleImageShape: 'info' });
    const body = (await shopeeUpload(e, images([jpeg(), jpeg()]))).json as ShopeeUploadBody;
    expect(Object.keys(body.response ?? {})).toEqual(['image_info_list']);
  });
});

describe('Shopee errorStatus', () => {
  it('200 answers every error with HTTP 200 and the error JSON', async () => {
    const e = await start({ errorStatus: 200 });
    const p = signedParams();
    p.set('sign', 'wrong');
    const answer = await shopeeUpload(e, images([jpeg()]), p);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ error: 'error_sign', message: 'Wrong sign.' });
    const tooMany = await shopeeUpload(e, images(Array.from({ length: 9 }, () => jpeg())));
    expect(tooMany.status).toBe(200);
    expect(tooMany.json).toMatchObject({ error: 'error_param' });
  });
});

describe('Shopee credentials', () => {
  it('accepts only the configured partners', async () => {
    const partner = { partnerId: 77, partnerKey: 'k77' };
    const e = await start({ partners: [partner] });
    expect(e.env).toMatchObject({ SHOPEE_PARTNER_ID: '77', SHOPEE_PARTNER_KEY: 'k77' });
    expect((await shopeeUpload(e, images([jpeg()]), signedParams(partner))).status).toBe(200);
    const stranger = await shopeeUpload(e, images([jpeg()]));
    expect(stranger.json).toMatchObject({ error: 'error_param', message: 'Invalid partner_id.' });
  });
});
