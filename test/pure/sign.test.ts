import { describe, expect, it } from 'vitest';
import { signShopee, signatureBase } from '../../src/platforms/shopee/sign.js';

// Known-answer vectors computed outside this project (issue #2).
const key = '4e6a6f7a4f4d4e4e5a6b4d7a5a574e6a';
const common = {
  partnerId: 2001887,
  path: '/api/v2/media_space/upload_image',
  timestamp: 1655714431,
  partnerKey: key,
};

describe('signShopee', () => {
  it('signs partner_id + path + timestamp for public calls', () => {
    expect(signatureBase(common)).toBe('2001887/api/v2/media_space/upload_image1655714431');
    expect(signShopee(common)).toBe('c23fb9a66f5ad7073ffe7704259783dc557a8f01428b2139b78c803aa5445f20');
  });

  it('appends access_token and shop_id for Shop API calls', () => {
    const shop = { accessToken: 'tok_abc123', shopId: 14701711 };
    expect(signatureBase({ ...common, shop })).toBe(
      '2001887/api/v2/media_space/upload_image1655714431tok_abc12314701711',
    );
    expect(signShopee({ ...common, shop })).toBe(
      'd13bd879a324689c2119cb1458cc41ca6e1fa150c4a280a476074321b374d710',
    );
  });

  it('changes with every input (a signature that ignored one would still pass the vectors)', () => {
    const reference = signShopee(common);
    expect(signShopee({ ...common, timestamp: common.timestamp + 1 })).not.toBe(reference);
    expect(signShopee({ ...common, partnerId: 2001888 })).not.toBe(reference);
    expect(signShopee({ ...common, path: '/api/v2/public/get_shops_by_partner' })).not.toBe(reference);
    expect(signShopee({ ...common, partnerKey: key.replace('4e', '4f') })).not.toBe(reference);
    expect(reference).toMatch(/^[0-9a-f]{64}$/);
  });
});
