import { createHash } from 'node:crypto';
import FormData from 'form-data';
import { request } from 'undici';
import { signShopee } from '../../src/platforms/shopee/sign.js';
import {
  DEFAULT_SHOPEE_PARTNER,
  DEFAULT_TRACEPASS_API_KEY,
  type Emulator,
} from '../../src/emulator/index.js';

export const UPLOAD_PATH = '/api/v2/media_space/upload_image';
export const MB10 = 10_485_760;
export const MB5 = 5_242_880;

function padded(magic: number[], size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x5a);
  Buffer.from(magic).copy(bytes, 0, 0, Math.min(magic.length, size));
  return bytes;
}

export const jpeg = (size = 1024): Buffer => padded([0xff, 0xd8, 0xff, 0xe0], size);
export const png = (size = 1024): Buffer => padded([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], size);
export const webp = (size = 1024): Buffer =>
  padded([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50], size);
export const gif = (size = 1024): Buffer => padded([0x47, 0x49, 0x46, 0x38, 0x39, 0x61], size);
export const text = (size = 1024): Buffer => Buffer.alloc(size, 'a');

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export type FormEntry =
  { field: string; data: Buffer; filename?: string; contentType?: string } | { field: string; value: string };

export function form(entries: FormEntry[]): { body: Buffer; headers: Record<string, string> } {
  const fd = new FormData();
  for (const entry of entries) {
    if ('value' in entry) fd.append(entry.field, entry.value);
    else
      fd.append(entry.field, entry.data, {
        filename: entry.filename ?? 'upload.bin',
        contentType: entry.contentType,
      });
  }
  return { body: fd.getBuffer(), headers: fd.getHeaders() };
}

export const images = (files: Buffer[]): FormEntry[] =>
  files.map((data, i) => ({ field: 'image', data, filename: `img-${i}`, contentType: 'image/jpeg' }));

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

export interface ImageInfo {
  image_id: string;
  image_url_list: { image_url_region: string; image_url: string }[];
}

export interface ShopeeUploadBody {
  request_id: string;
  error: string;
  message: string;
  warning?: string;
  response?: {
    image_info?: ImageInfo;
    image_info_list?: { id: number; error: string; message: string; image_info?: ImageInfo }[];
  };
}

export interface ImageListBody {
  imageUrl?: string;
  imageUrls: string[];
}

export async function call(
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    signal?: AbortSignal;
  } = {},
): Promise<Answer> {
  const res = await request(url, { method: init.method ?? 'GET', ...init });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

export interface SignedQuery {
  partnerId?: number;
  partnerKey?: string;
  path?: string;
  timestamp?: number;
  shop?: { shopId: number; accessToken: string };
}

/** A correctly signed query string, before any test tampering. */
export function signedParams(q: SignedQuery = {}): URLSearchParams {
  const partnerId = q.partnerId ?? DEFAULT_SHOPEE_PARTNER.partnerId;
  const timestamp = q.timestamp ?? Math.floor(Date.now() / 1000);
  const path = q.path ?? UPLOAD_PATH;
  const partnerKey = q.partnerKey ?? DEFAULT_SHOPEE_PARTNER.partnerKey;
  const sign = signShopee({ partnerId, path, timestamp, partnerKey, ...(q.shop ? { shop: q.shop } : {}) });
  const params = new URLSearchParams({ partner_id: String(partnerId), timestamp: String(timestamp), sign });
  if (q.shop) {
    params.set('access_token', q.shop.accessToken);
    params.set('shop_id', String(q.shop.shopId));
  }
  return params;
}

export function shopeeUpload(
  emu: Emulator,
  entries: FormEntry[],
  params: URLSearchParams = signedParams(),
): Promise<Answer> {
  const { body, headers } = form(entries);
  return call(`${emu.url}${UPLOAD_PATH}?${params}`, { method: 'POST', headers, body });
}

export const bearer = (key = DEFAULT_TRACEPASS_API_KEY): Record<string, string> => ({
  authorization: `Bearer ${key}`,
});

export function tracepassUpload(
  emu: Emulator,
  productId: string,
  file: { data: Buffer; contentType?: string; field?: string },
  headers: Record<string, string> = bearer(),
): Promise<Answer> {
  const multipart = form([
    {
      field: file.field ?? 'file',
      data: file.data,
      filename: 'photo',
      contentType: file.contentType ?? 'image/jpeg',
    },
  ]);
  return call(`${emu.url}/api/v1/products/${productId}/images`, {
    method: 'POST',
    headers: { ...multipart.headers, ...headers },
    body: multipart.body,
  });
}

/** Polls until `check` holds, for state the server settles after the client has given up. */
export async function eventually(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
