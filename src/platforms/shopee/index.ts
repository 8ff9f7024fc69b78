import { registerShopeeUploadImages } from '../../tools/shopee-upload-images.js';
import { definePlatform } from '../platform.js';
import { readShopeeConfig } from './config.js';
import { shopeeLiveCheck } from './live.js';
import { SHOPEE_POLICIES } from './policy.js';

/** Shopee Open Platform v2: media space uploads, signed with HMAC-SHA256. */
export const shopee = definePlatform({
  id: 'shopee',
  service: { label: 'Shopee', addressVariables: 'SHOPEE_BASE_URL / SHOPEE_REGION' },
  variables: [
    { name: 'SHOPEE_PARTNER_ID', help: 'Shopee Open Platform partner id' },
    { name: 'SHOPEE_PARTNER_KEY', help: 'partner key that signs every request', secret: true },
    { name: 'SHOPEE_REGION', help: 'global (default), cn, br, sandbox, sandbox-cn' },
    { name: 'SHOPEE_BASE_URL', help: 'a full base URL instead of SHOPEE_REGION' },
    { name: 'SHOPEE_SHOP_ID', help: 'optional, with SHOPEE_ACCESS_TOKEN: sign uploads as Shop API calls' },
    { name: 'SHOPEE_ACCESS_TOKEN', help: "optional: the shop's access token", secret: true },
  ],
  readConfig: readShopeeConfig,
  createClient: async (deps) => (await import('./client.js')).createShopeeClient(deps),
  tools: [registerShopeeUploadImages],
  liveCheck: shopeeLiveCheck,
  retryPolicies: SHOPEE_POLICIES,
});
