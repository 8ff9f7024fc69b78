import type { ShopeeConfig } from '../../config.js';
import type { OpenedImage } from '../../files/index.js';
import { buildMultipart, type Part } from '../../http/multipart.js';
import { previewRequest, type RequestPreview } from '../../http/preview.js';
import { RETRY_POLICIES, withRetries, type RetryPolicy } from '../../http/retry.js';
import type { Transport } from '../../http/transport.js';
import type { Logger } from '../../logging.js';
import { readShopeeAnswer, type ShopeeBody } from './errors.js';
import { imageResults, type ShopeeImageResult } from './results.js';
import { signShopee } from './sign.js';

export const UPLOAD_IMAGE_PATH = '/api/v2/media_space/upload_image';
export const GET_SHOPS_PATH = '/api/v2/public/get_shops_by_partner';

export { SHOPEE_IMAGE_RULE } from './limits.js';

export interface ShopeeUploadInput {
  images: readonly OpenedImage[];
  scene?: 'normal' | 'desc';
  ratio?: '1:1' | '3:4';
  signal?: AbortSignal;
  /** Body bytes sent so far and the body's total, per attempt. */
  onProgress?: (sent: number, total: number) => void;
}

export interface ShopeeUploadResult {
  request_id: string;
  warning?: string;
  images: ShopeeImageResult[];
}

export interface ShopeeClient {
  uploadImages(input: ShopeeUploadInput): Promise<ShopeeUploadResult>;
  /** The upload request `uploadImages` would send, for a dry run; nothing is sent. */
  describeUpload(input: Pick<ShopeeUploadInput, 'images' | 'scene' | 'ratio'>): Promise<RequestPreview>;
  /** The signed public call `doctor` uses to check the partner credentials. */
  getShopsByPartner(signal?: AbortSignal): Promise<ShopeeBody>;
}

export interface ShopeeClientDeps {
  config: ShopeeConfig;
  transport: Transport;
  /** Milliseconds since the epoch; injected so tests can move the clock. */
  now?: () => number;
  policy?: RetryPolicy;
  logger?: Logger;
}

export function createShopeeClient({
  config,
  transport,
  now = Date.now,
  policy = RETRY_POLICIES.shopee,
  logger,
}: ShopeeClientDeps): ShopeeClient {
  const secrets = [config.partnerKey, ...(config.shop ? [config.shop.accessToken] : [])];

  /**
   * A fresh timestamp and signature for every attempt: Shopee refuses timestamps over 5 minutes old.
   * `shop` is explicit (no default): a public call passes undefined and must not be signed as a Shop call.
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

  function onRetry(attempt: number, error: Error, delayMs: number): void {
    logger?.log(
      'warning',
      `Shopee call failed, retrying (attempt ${attempt} of ${policy.attempts} in ${delayMs} ms)`,
      {
        reason: error.message,
      },
    );
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

  return {
    async uploadImages({ images, scene, ratio, signal, onProgress }) {
      const parts = uploadParts({ images, scene, ratio });

      const body = await withRetries(
        policy,
        async () => {
          const { url, sign } = signedUrl(UPLOAD_IMAGE_PATH, config.shop);
          const multipart = await buildMultipart(parts, onProgress);
          const res = await transport({
            platform: 'Shopee',
            method: 'POST',
            url,
            body: multipart,
            signal,
            secrets: [...secrets, sign],
          });
          return readShopeeAnswer(res, [...secrets, sign]);
        },
        { signal, onRetry },
      );
      return {
        request_id: body.request_id ?? '',
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
      return previewRequest('POST', url, uploadParts(input));
    },

    async getShopsByPartner(signal) {
      return withRetries(
        policy,
        async () => {
          // A public API: signed without the shop's token even when one is configured.
          const { url, sign } = signedUrl(GET_SHOPS_PATH, undefined);
          const res = await transport({
            platform: 'Shopee',
            method: 'GET',
            url,
            signal,
            secrets: [...secrets, sign],
          });
          return readShopeeAnswer(res, [...secrets, sign]);
        },
        { signal, onRetry },
      );
    },
  };
}
