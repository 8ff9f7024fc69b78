import type { OpenedImage } from '../../files/index.js';
import { buildMultipart, type Part } from '../../http/multipart.js';
import { previewUpload, type UploadPreview } from '../../http/preview.js';
import { withRetries } from '../../http/retry.js';
import type { ClientDeps } from '../platform.js';
import { readShopeeAnswer, SHOPEE_ANSWERS, type ShopeeBody } from './answer.js';
import type { ShopeeConfig } from './config.js';
import { imageResults, type ShopeeImage } from './results.js';
import { signShopee } from './sign.js';
import type { SHOPEE_POLICIES } from './policy.js';

export const UPLOAD_IMAGE_PATH = '/api/v2/media_space/upload_image';
export const GET_SHOPS_PATH = '/api/v2/public/get_shops_by_partner';

export interface ShopeeUploadInput {
  images: readonly OpenedImage[];
  scene?: 'normal' | 'desc';
  ratio?: '1:1' | '3:4';
  signal?: AbortSignal;
  /** Body bytes sent so far and the body's total, per attempt. */
  onProgress?: (sent: number, total: number) => void;
}

export interface ShopeeUpload {
  requestId: string;
  warning?: string;
  images: ShopeeImage[];
}

export interface ShopeeClient {
  uploadImages(input: ShopeeUploadInput): Promise<ShopeeUpload>;
  /** The upload request `uploadImages` would send, for a dry run; nothing is sent. */
  describeUpload(input: Pick<ShopeeUploadInput, 'images' | 'scene' | 'ratio'>): Promise<UploadPreview>;
  /** The signed public call `doctor` uses to check the partner credentials. */
  getShopsByPartner(signal?: AbortSignal): Promise<ShopeeBody>;
}

/** One part named `image` per file, in input order, then `scene` and `ratio` when given. */
function uploadParts({
  images,
  scene,
  ratio,
}: Pick<ShopeeUploadInput, 'images' | 'scene' | 'ratio'>): Part[] {
  const parts: Part[] = images.map((file) => ({ name: 'image', file }));
  if (scene) parts.push({ name: 'scene', value: scene });
  if (ratio) parts.push({ name: 'ratio', value: ratio });
  return parts;
}

export function createShopeeClient({
  config,
  service,
  transport,
  logger,
  now,
  policies,
}: ClientDeps<ShopeeConfig>): ShopeeClient {
  const policy = policies.calls as (typeof SHOPEE_POLICIES)['calls'];

  /**
   * A fresh timestamp and signature for every attempt: Shopee refuses timestamps over 5 minutes old.
   * `shop` is explicit: a public call passes undefined and must not be signed as a Shop call.
   */
  function signedUrl(path: string, shop: ShopeeConfig['shop']): { url: URL; sign: string } {
    const timestamp = Math.floor(now() / 1000);
    const sign = signShopee({
      partnerId: config.partnerId,
      path,
      timestamp,
      partnerKey: config.partnerKey,
      shop,
    });
    const url = new URL(config.baseUrl + path);
    url.searchParams.set('partner_id', String(config.partnerId));
    url.searchParams.set('timestamp', String(timestamp));
    if (shop) {
      url.searchParams.set('access_token', shop.accessToken);
      url.searchParams.set('shop_id', String(shop.shopId));
    }
    url.searchParams.set('sign', sign);
    return { url, sign };
  }

  /** One signed call, resent by the policy; each attempt signs and builds its body anew. */
  const call = (
    what: string,
    path: string,
    shop: ShopeeConfig['shop'],
    signal: AbortSignal | undefined,
    body?: () => ReturnType<typeof buildMultipart>,
  ) =>
    withRetries(
      policy,
      async () => {
        const { url, sign } = signedUrl(path, shop);
        const res = await transport({
          service,
          method: body ? 'POST' : 'GET',
          url,
          body: body ? await body() : undefined,
          signal,
          secrets: [sign],
          reader: SHOPEE_ANSWERS,
        });
        return readShopeeAnswer(res);
      },
      { what, signal, logger },
    );

  return {
    async uploadImages({ images, scene, ratio, signal, onProgress }) {
      const parts = uploadParts({ images, scene, ratio });
      const body = await call('Shopee upload', UPLOAD_IMAGE_PATH, config.shop, signal, () =>
        buildMultipart(parts, onProgress),
      );
      return {
        requestId: body.request_id ?? '',
        ...(body.warning ? { warning: body.warning } : {}),
        images: imageResults(
          body,
          images.map((image) => image.path),
        ),
      };
    },

    describeUpload(input) {
      const url = new URL(config.baseUrl + UPLOAD_IMAGE_PATH);
      url.searchParams.set('partner_id', String(config.partnerId));
      if (config.shop) url.searchParams.set('shop_id', String(config.shop.shopId));
      return previewUpload(url, uploadParts(input));
    },

    // A public API: signed without the shop's token even when one is configured.
    getShopsByPartner: (signal) => call('Shopee get_shops_by_partner', GET_SHOPS_PATH, undefined, signal),
  };
}
