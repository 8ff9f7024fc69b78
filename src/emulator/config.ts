import {
  DEFAULT_SHOPEE_PARTNER,
  DEFAULT_SHOPEE_SHOP,
  DEFAULT_TRACEPASS_API_KEY,
  DEMO_PRODUCT,
} from './defaults.js';
import type { EmulatorOptions, ProductSeed, ShopeePartner, ShopeeShop } from './types.js';

export interface EmulatorConfig {
  host: string;
  port: number;
  now: () => number;
  hashFiles: boolean;
  keepPartsUnder: number;
  shopee: {
    partners: ShopeePartner[];
    shops: ShopeeShop[];
    errorStatus: 'http' | 200;
    singleImageShape: 'list' | 'info' | 'both';
  };
  tracepass: {
    apiKeys: string[];
    readOnlyKeys: string[];
    products: ProductSeed[];
    deleteStatus: 200 | 204;
  };
}

export function resolveConfig(options: EmulatorOptions = {}): EmulatorConfig {
  const { shopee = {}, tracepass = {} } = options;
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    now: options.now ?? Date.now,
    hashFiles: options.hashFiles ?? true,
    keepPartsUnder: options.keepPartsUnder ?? 0,
    shopee: {
      partners: shopee.partners ?? [DEFAULT_SHOPEE_PARTNER],
      shops: shopee.shops ?? [DEFAULT_SHOPEE_SHOP],
      errorStatus: shopee.errorStatus ?? 'http',
      singleImageShape: shopee.singleImageShape ?? 'list',
    },
    tracepass: {
      apiKeys: tracepass.apiKeys ?? [DEFAULT_TRACEPASS_API_KEY],
      readOnlyKeys: tracepass.readOnlyKeys ?? [],
      products: tracepass.products ?? [DEMO_PRODUCT],
      deleteStatus: tracepass.deleteStatus ?? 200,
    },
  };
}

/** The variables that point a client at the emulator. */
export function emulatorEnv(config: EmulatorConfig, url: string): Record<string, string> {
  const env: Record<string, string> = {};
  const [partner] = config.shopee.partners;
  if (partner) {
    env.SHOPEE_PARTNER_ID = String(partner.partnerId);
    env.SHOPEE_PARTNER_KEY = partner.partnerKey;
  }
  env.SHOPEE_BASE_URL = url;
  const [apiKey] = config.tracepass.apiKeys;
  if (apiKey) env.TRACEPASS_API_KEY = apiKey;
  env.TRACEPASS_BASE_URL = url;
  return env;
}
