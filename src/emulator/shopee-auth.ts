import { timingSafeEqual } from 'node:crypto';
import { signShopee } from '../platforms/shopee/sign.js';
import type { ShopeePartner, ShopeeShop } from './types.js';

/** Shopee's documented validity window for `timestamp`. */
const TIMESTAMP_WINDOW_S = 300;
const INTEGER = /^\d+$/;

export interface CommonParamsContext {
  partners: ShopeePartner[];
  shops: ShopeeShop[];
  nowMs: number;
  path: string;
  /** Shop API calls may add access_token + shop_id; public ones ignore them. */
  shopMode: boolean;
}

export type CommonParamsCheck = { ok: true } | { ok: false; error: string; message: string };

const fail = (error: string, message: string): CommonParamsCheck => ({ ok: false, error, message });

function sameSign(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function checkTimestamp(raw: string | undefined, nowMs: number): CommonParamsCheck {
  if (raw === undefined) return fail('error_param', 'no timestamp');
  if (!INTEGER.test(raw)) return fail('error_param', 'Invalid timestamp');
  const ageS = Math.floor(nowMs / 1000) - Number(raw);
  if (ageS > TIMESTAMP_WINDOW_S) return fail('error_param', 'Timestamp is expired.');
  if (-ageS > TIMESTAMP_WINDOW_S) return fail('error_param', 'Invalid timestamp');
  return { ok: true };
}

function shopOf(query: Record<string, string>): ShopeeShop | CommonParamsCheck | undefined {
  const { access_token: accessToken, shop_id: shopId } = query;
  if (accessToken === undefined && shopId === undefined) return undefined;
  if (accessToken === undefined) return fail('error_param', 'There is no access_token in query.');
  if (shopId === undefined) return fail('error_param', 'There is no shop_id in query.');
  if (!INTEGER.test(shopId)) return fail('error_param', 'Invalid shop_id.');
  return { accessToken, shopId: Number(shopId) };
}

/** The partner_id / timestamp / sign checks every Shopee call goes through, in Shopee's order. */
export function checkCommonParams(
  query: Record<string, string>,
  ctx: CommonParamsContext,
): CommonParamsCheck {
  const { partner_id: partnerIdRaw, sign } = query;
  if (partnerIdRaw === undefined) return fail('error_param', 'There is no partner_id in query.');
  const partner = INTEGER.test(partnerIdRaw)
    ? ctx.partners.find((p) => p.partnerId === Number(partnerIdRaw))
    : undefined;
  if (!partner) return fail('error_param', 'Invalid partner_id.');

  const timestamp = checkTimestamp(query.timestamp, ctx.nowMs);
  if (!timestamp.ok) return timestamp;

  if (sign === undefined) return fail('error_param', 'There is no sign in query.');
  const shop = ctx.shopMode ? shopOf(query) : undefined;
  if (shop && 'ok' in shop) return shop;
  const expected = signShopee({
    partnerId: partner.partnerId,
    path: ctx.path,
    timestamp: Number(query.timestamp),
    partnerKey: partner.partnerKey,
    ...(shop ? { shop } : {}),
  });
  if (!sameSign(sign, expected)) return fail('error_sign', 'Wrong sign.');

  const known =
    !shop || ctx.shops.some((s) => s.shopId === shop.shopId && s.accessToken === shop.accessToken);
  return known ? { ok: true } : fail('error_auth', 'Invalid access_token.');
}
