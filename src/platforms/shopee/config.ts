import { isPlainHttpRemote, parseId, read, readBaseUrl, type Env } from '../../config/env.js';
import { described, finding, settle, type ConfigReading, type Finding } from '../../config/finding.js';

export const SHOPEE_HOSTS = {
  global: 'https://partner.shopeemobile.com',
  cn: 'https://openplatform.shopee.cn',
  br: 'https://openplatform.shopee.com.br',
  sandbox: 'https://openplatform.sandbox.test-stable.shopee.sg',
  'sandbox-cn': 'https://openplatform.sandbox.test-stable.shopee.cn',
} as const;

export interface ShopeeConfig {
  partnerId: number;
  partnerKey: string;
  baseUrl: string;
  /** Present only when both SHOPEE_SHOP_ID and SHOPEE_ACCESS_TOKEN are set. */
  shop?: { shopId: number; accessToken: string };
}

const NOT_CONFIGURED =
  "Shopee is not configured: set SHOPEE_PARTNER_ID and SHOPEE_PARTNER_KEY in the MCP server's environment " +
  '(and SHOPEE_REGION or SHOPEE_BASE_URL if you are not on the global host).';

function credentials(id: string | undefined, key: string | undefined): Finding {
  if (!id || !key) {
    const [missing, present] = id
      ? ['SHOPEE_PARTNER_KEY', 'SHOPEE_PARTNER_ID']
      : ['SHOPEE_PARTNER_ID', 'SHOPEE_PARTNER_KEY'];
    return finding(
      'Shopee credentials',
      'fail',
      `${missing} is not set (${present} is)`,
      `set ${missing} too.`,
    );
  }
  if (parseId(id) === undefined) {
    return finding(
      'Shopee credentials',
      'fail',
      `SHOPEE_PARTNER_ID is '${id}', not a positive integer`,
      'set SHOPEE_PARTNER_ID to the numeric partner id of your Shopee app, e.g. 2001887.',
    );
  }
  return finding('Shopee credentials', 'ok', `partner id ${id}; partner key ${described(key)}`);
}

/** The API origin, from SHOPEE_BASE_URL or else SHOPEE_REGION. */
function host(env: Env): { finding: Finding; baseUrl?: string } {
  const raw = read(env, 'SHOPEE_BASE_URL');
  if (raw) {
    const parsed = readBaseUrl(raw, 'SHOPEE_BASE_URL');
    if (typeof parsed !== 'string') {
      const fix =
        'set SHOPEE_BASE_URL to the API origin (e.g. https://partner.shopeemobile.com), or unset it and use SHOPEE_REGION.';
      return { finding: finding('Shopee host', 'fail', parsed.problem, fix) };
    }
    if (isPlainHttpRemote(parsed)) {
      const detail = `${parsed} (SHOPEE_BASE_URL) uses plain http to another machine`;
      const fix = 'use https:// (plain http is meant for the local emulator).';
      return { finding: finding('Shopee host', 'warn', detail, fix), baseUrl: parsed };
    }
    const ignored = read(env, 'SHOPEE_REGION') ? '; SHOPEE_REGION is ignored' : '';
    return {
      finding: finding('Shopee host', 'ok', `${parsed} (SHOPEE_BASE_URL${ignored})`),
      baseUrl: parsed,
    };
  }
  const region = (read(env, 'SHOPEE_REGION') ?? 'global').toLowerCase();
  if (!Object.hasOwn(SHOPEE_HOSTS, region)) {
    const fix = `set SHOPEE_REGION to one of ${Object.keys(SHOPEE_HOSTS).join(', ')}, or set SHOPEE_BASE_URL.`;
    return {
      finding: finding('Shopee host', 'fail', `SHOPEE_REGION '${region}' is not a Shopee region`, fix),
    };
  }
  const baseUrl = SHOPEE_HOSTS[region as keyof typeof SHOPEE_HOSTS];
  const which = read(env, 'SHOPEE_REGION') ? '' : ', the default';
  return { finding: finding('Shopee host', 'ok', `${baseUrl} (SHOPEE_REGION ${region}${which})`), baseUrl };
}

function shop(shopId: string | undefined, token: string | undefined): Finding {
  if (!shopId && !token) {
    return finding(
      'Shopee shop',
      'skip',
      'SHOPEE_SHOP_ID and SHOPEE_ACCESS_TOKEN unset: uploads are public (partner) calls',
    );
  }
  if (!shopId || !token) {
    const [missing, present] = shopId
      ? ['SHOPEE_ACCESS_TOKEN', 'SHOPEE_SHOP_ID']
      : ['SHOPEE_SHOP_ID', 'SHOPEE_ACCESS_TOKEN'];
    const detail = `${present} is set but ${missing} is not; Shop API calls need both`;
    return finding(
      'Shopee shop',
      'fail',
      detail,
      `set ${missing} too, or unset ${present} for public calls.`,
    );
  }
  if (parseId(shopId) === undefined) {
    const detail = `SHOPEE_SHOP_ID is '${shopId}', not a positive integer`;
    return finding('Shopee shop', 'fail', detail, 'set SHOPEE_SHOP_ID to the numeric id of the shop.');
  }
  const detail = `shop ${shopId}; access token ${described(token)}, checked on the first upload (tokens last 4 hours)`;
  return finding('Shopee shop', 'ok', detail);
}

/** Reads the Shopee variables: the config the server uses, and one finding per concern for doctor. */
export function readShopeeConfig(env: Env): ConfigReading<ShopeeConfig> {
  const id = read(env, 'SHOPEE_PARTNER_ID');
  const key = read(env, 'SHOPEE_PARTNER_KEY');
  const configured = Boolean(id || key);
  if (!configured) {
    const fix =
      'to use Shopee, set SHOPEE_PARTNER_ID and SHOPEE_PARTNER_KEY (Shopee Open Platform console → your app).';
    const unset = finding(
      'Shopee credentials',
      'warn',
      'not configured: shopee_upload_images will refuse every call',
      fix,
    );
    return settle([unset], false, () => undefined as never, NOT_CONFIGURED);
  }
  const where = host(env);
  const shopId = read(env, 'SHOPEE_SHOP_ID');
  const token = read(env, 'SHOPEE_ACCESS_TOKEN');
  const findings = [credentials(id, key), where.finding, shop(shopId, token)];
  return settle(
    findings,
    true,
    () => ({
      partnerId: Number(id),
      partnerKey: key!,
      baseUrl: where.baseUrl!,
      ...(shopId && token ? { shop: { shopId: Number(shopId), accessToken: token } } : {}),
    }),
    NOT_CONFIGURED,
  );
}
