import type { ProductSeed, ShopeePartner, ShopeeShop } from './types.js';

// Demo credentials only ever accepted by the emulator; they are not secrets.
export const DEFAULT_SHOPEE_PARTNER: ShopeePartner = {
  partnerId: 2001887,
  partnerKey: 'shpk-emulator-demo-partner-key',
};

export const DEFAULT_SHOPEE_SHOP: ShopeeShop = {
  shopId: 600001,
  accessToken: 'emulator-demo-access-token',
};

export const DEFAULT_TRACEPASS_API_KEY = 'tp_emulator_demo_key';

/** The product id used in TracePass's own documentation examples. */
export const DEMO_PRODUCT_ID = '6650a1b2c3d4e5f6a7b8c9d0';

export const DEMO_PRODUCT: Required<ProductSeed> = {
  id: DEMO_PRODUCT_ID,
  name: 'Demo battery pack',
  imageUrls: [],
};
