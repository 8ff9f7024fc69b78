/** Reads the server's environment once, at start-up. Problems are kept, not thrown: the server starts
 * without credentials and each tool explains what to set when its platform is not usable. */

export const SHOPEE_HOSTS = {
  global: 'https://partner.shopeemobile.com',
  cn: 'https://openplatform.shopee.cn',
  br: 'https://openplatform.shopee.com.br',
  sandbox: 'https://openplatform.sandbox.test-stable.shopee.sg',
  'sandbox-cn': 'https://openplatform.sandbox.test-stable.shopee.cn',
} as const;

export const TRACEPASS_DEFAULT_BASE_URL = 'https://app.tracepass.eu';

export interface ShopeeConfig {
  partnerId: number;
  partnerKey: string;
  baseUrl: string;
  /** Present only when both SHOPEE_SHOP_ID and SHOPEE_ACCESS_TOKEN are set. */
  shop?: { shopId: number; accessToken: string };
}

export interface TracePassConfig {
  apiKey: string;
  baseUrl: string;
}

export type Setting<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface HttpConfig {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

export interface Config {
  shopee: Setting<ShopeeConfig>;
  tracepass: Setting<TracePassConfig>;
  http: HttpConfig;
  logLevel: string | undefined;
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env): Config {
  return {
    shopee: readShopee(env),
    tracepass: readTracePass(env),
    http: {
      connectTimeoutMs: readPositiveInt(env, 'CONNECT_TIMEOUT_MS', 10_000),
      requestTimeoutMs: readPositiveInt(env, 'UPLOAD_TIMEOUT_MS', 120_000),
    },
    logLevel: value(env, 'LOG_LEVEL'),
  };
}

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

function readPositiveInt(env: Env, name: string, fallback: number): number {
  const raw = value(env, name);
  const parsed = raw === undefined ? fallback : Number(raw);
  // A bad timeout must not stop the server: fall back and let `doctor` point at it.
  return Number.isSafeInteger(parsed) && parsed > 0 ? parsed : fallback;
}

function fail<T>(problem: string): Setting<T> {
  return { ok: false, problem };
}

/** A positive integer id (partner or shop), or undefined. */
export function parseId(raw: string): number | undefined {
  return /^\d{1,15}$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined;
}

export function readBaseUrl(raw: string, variable: string): string | { problem: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: `${variable} is not a valid URL ('${raw}'): use e.g. https://host.example` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      problem: `${variable} must start with https:// (or http:// for a local emulator), got '${raw}'`,
    };
  }
  return url.toString().replace(/\/+$/, '');
}

function readShopee(env: Env): Setting<ShopeeConfig> {
  const partnerIdRaw = value(env, 'SHOPEE_PARTNER_ID');
  const partnerKey = value(env, 'SHOPEE_PARTNER_KEY');
  if (!partnerIdRaw || !partnerKey) {
    const missing = [!partnerIdRaw && 'SHOPEE_PARTNER_ID', !partnerKey && 'SHOPEE_PARTNER_KEY'].filter(
      Boolean,
    );
    return fail(
      `Shopee is not configured: set ${missing.join(' and ')} in the MCP server's environment ` +
        `(and SHOPEE_REGION or SHOPEE_BASE_URL if you are not on the global host).`,
    );
  }
  const partnerId = parseId(partnerIdRaw);
  if (partnerId === undefined) {
    return fail(
      `SHOPEE_PARTNER_ID must be a positive integer (your Shopee partner id), got '${partnerIdRaw}'.`,
    );
  }

  let baseUrl: string;
  const baseUrlRaw = value(env, 'SHOPEE_BASE_URL');
  if (baseUrlRaw) {
    const parsed = readBaseUrl(baseUrlRaw, 'SHOPEE_BASE_URL');
    if (typeof parsed !== 'string') return fail(parsed.problem);
    baseUrl = parsed;
  } else {
    const region = (value(env, 'SHOPEE_REGION') ?? 'global').toLowerCase();
    if (!Object.hasOwn(SHOPEE_HOSTS, region)) {
      return fail(
        `SHOPEE_REGION '${region}' is unknown: use one of ${Object.keys(SHOPEE_HOSTS).join(', ')}.`,
      );
    }
    baseUrl = SHOPEE_HOSTS[region as keyof typeof SHOPEE_HOSTS];
  }

  const shopIdRaw = value(env, 'SHOPEE_SHOP_ID');
  const accessToken = value(env, 'SHOPEE_ACCESS_TOKEN');
  if (!shopIdRaw && !accessToken) return { ok: true, value: { partnerId, partnerKey, baseUrl } };
  if (!shopIdRaw || !accessToken) {
    return fail(
      `Shop API calls need both SHOPEE_SHOP_ID and SHOPEE_ACCESS_TOKEN; only ` +
        `${shopIdRaw ? 'SHOPEE_SHOP_ID' : 'SHOPEE_ACCESS_TOKEN'} is set. Set the other, or unset it for public calls.`,
    );
  }
  const shopId = parseId(shopIdRaw);
  if (shopId === undefined) return fail(`SHOPEE_SHOP_ID must be a positive integer, got '${shopIdRaw}'.`);
  return { ok: true, value: { partnerId, partnerKey, baseUrl, shop: { shopId, accessToken } } };
}

function readTracePass(env: Env): Setting<TracePassConfig> {
  const apiKey = value(env, 'TRACEPASS_API_KEY');
  if (!apiKey) {
    return fail(
      `TracePass is not configured: set TRACEPASS_API_KEY (a tp_… API key from Developer → API Keys, ` +
        `or an OAuth access token) in the MCP server's environment.`,
    );
  }
  const baseUrl = readBaseUrl(
    value(env, 'TRACEPASS_BASE_URL') ?? TRACEPASS_DEFAULT_BASE_URL,
    'TRACEPASS_BASE_URL',
  );
  if (typeof baseUrl !== 'string') return fail(baseUrl.problem);
  return { ok: true, value: { apiKey, baseUrl } };
}

/** The values that must never appear in a result, log line or error. */
export function secretsOf(config: Config): string[] {
  const secrets: string[] = [];
  if (config.shopee.ok) {
    secrets.push(config.shopee.value.partnerKey);
    if (config.shopee.value.shop) secrets.push(config.shopee.value.shop.accessToken);
  }
  if (config.tracepass.ok) secrets.push(config.tracepass.value.apiKey);
  return secrets;
}
