import { createHmac } from 'node:crypto';

export interface SignInput {
  partnerId: number;
  path: string;
  /** Unix seconds. */
  timestamp: number;
  partnerKey: string;
  /** Shop API calls append access_token and shop_id to the base string. */
  shop?: { accessToken: string; shopId: number };
}

/** The base string Shopee signs: partner_id + path + timestamp [+ access_token + shop_id]. */
export function signatureBase({ partnerId, path, timestamp, shop }: Omit<SignInput, 'partnerKey'>): string {
  const base = `${partnerId}${path}${timestamp}`;
  return shop ? `${base}${shop.accessToken}${shop.shopId}` : base;
}

/** Lowercase hex HMAC-SHA256 of the base string, keyed with the partner key. */
export function signShopee(input: SignInput): string {
  return createHmac('sha256', input.partnerKey).update(signatureBase(input)).digest('hex');
}
