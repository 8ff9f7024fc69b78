import { parseId, readBaseUrl, SHOPEE_HOSTS, type ShopeeConfig, type Setting } from '../../config.js';
import { isPlainHttpRemote, read, type Env } from './env.js';
import { described, row, type Row } from './row.js';

const REGIONS = Object.keys(SHOPEE_HOSTS).join(', ');

function credentials(env: Env): Row {
  const id = read(env, 'SHOPEE_PARTNER_ID');
  const key = read(env, 'SHOPEE_PARTNER_KEY');
  if (!id && !key) {
    return row(
      'Shopee credentials',
      'warn',
      'not configured: shopee_upload_images will refuse every call',
      'to use Shopee, set SHOPEE_PARTNER_ID and SHOPEE_PARTNER_KEY (Shopee Open Platform console → your app).',
    );
  }
  if (!id || !key) {
    const [missing, present] = id
      ? ['SHOPEE_PARTNER_KEY', 'SHOPEE_PARTNER_ID']
      : ['SHOPEE_PARTNER_ID', 'SHOPEE_PARTNER_KEY'];
    return row('Shopee credentials', 'fail', `${missing} is not set (${present} is)`, `set ${missing} too.`);
  }
  if (parseId(id) === undefined) {
    return row(
      'Shopee credentials',
      'fail',
      `SHOPEE_PARTNER_ID is '${id}', not a positive integer`,
      'set SHOPEE_PARTNER_ID to the numeric partner id of your Shopee app, e.g. 2001887.',
    );
  }
  return row('Shopee credentials', 'ok', `partner id ${id}; partner key ${described(key)}`);
}

function host(env: Env): Row {
  const baseUrl = read(env, 'SHOPEE_BASE_URL');
  if (baseUrl) {
    const parsed = readBaseUrl(baseUrl, 'SHOPEE_BASE_URL');
    if (typeof parsed !== 'string') {
      return row(
        'Shopee host',
        'fail',
        parsed.problem,
        'set SHOPEE_BASE_URL to the API origin (e.g. https://partner.shopeemobile.com), or unset it and use SHOPEE_REGION.',
      );
    }
    if (isPlainHttpRemote(parsed)) {
      return row(
        'Shopee host',
        'warn',
        `${parsed} (SHOPEE_BASE_URL) uses plain http to another machine`,
        'use https:// (plain http is meant for the local emulator).',
      );
    }
    const ignored = read(env, 'SHOPEE_REGION') ? '; SHOPEE_REGION is ignored' : '';
    return row('Shopee host', 'ok', `${parsed} (SHOPEE_BASE_URL${ignored})`);
  }
  const region = (read(env, 'SHOPEE_REGION') ?? 'global').toLowerCase();
  if (!Object.hasOwn(SHOPEE_HOSTS, region)) {
    return row(
      'Shopee host',
      'fail',
      `SHOPEE_REGION '${region}' is not a Shopee region`,
      `set SHOPEE_REGION to one of ${REGIONS}, or set SHOPEE_BASE_URL.`,
    );
  }
  const origin = SHOPEE_HOSTS[region as keyof typeof SHOPEE_HOSTS];
  return row(
    'Shopee host',
    'ok',
    `${origin} (SHOPEE_REGION ${region}${read(env, 'SHOPEE_REGION') ? '' : ', the default'})`,
  );
}

function shop(env: Env): Row {
  const shopId = read(env, 'SHOPEE_SHOP_ID');
  const token = read(env, 'SHOPEE_ACCESS_TOKEN');
  if (!shopId && !token) {
    return row(
      'Shopee shop',
      'skip',
      'SHOPEE_SHOP_ID and SHOPEE_ACCESS_TOKEN unset: uploads are public (partner) calls',
    );
  }
  if (!shopId || !token) {
    const [missing, present] = shopId
      ? ['SHOPEE_ACCESS_TOKEN', 'SHOPEE_SHOP_ID']
      : ['SHOPEE_SHOP_ID', 'SHOPEE_ACCESS_TOKEN'];
    return row(
      'Shopee shop',
      'fail',
      `${present} is set but ${missing} is not; Shop API calls need both`,
      `set ${missing} too, or unset ${present} for public calls.`,
    );
  }
  if (parseId(shopId) === undefined) {
    return row(
      'Shopee shop',
      'fail',
      `SHOPEE_SHOP_ID is '${shopId}', not a positive integer`,
      'set SHOPEE_SHOP_ID to the numeric id of the shop.',
    );
  }
  return row(
    'Shopee shop',
    'ok',
    `shop ${shopId}; access token ${described(token)}, checked on the first upload (tokens last 4 hours)`,
  );
}

/** One row per concern: the credentials, the host, the optional shop. */
export function shopeeConfigRows(env: Env, setting: Setting<ShopeeConfig>): Row[] {
  const first = credentials(env);
  if (first.status === 'warn') return [first];
  const rows = [first, host(env), shop(env)];
  // loadConfig has the last word: whatever it refuses must show as a failing row here.
  if (!setting.ok && !rows.some((r) => r.status === 'fail')) {
    rows.push(row('Shopee configuration', 'fail', setting.problem, 'fix the variable it names.'));
  }
  return rows;
}
