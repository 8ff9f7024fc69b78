import type { TracePassConfig } from '../../config.js';
import type { OpenedImage } from '../../files/index.js';
import { buildMultipart, type Part } from '../../http/multipart.js';
import { previewRequest, type RequestPreview } from '../../http/preview.js';
import { RETRY_POLICIES, withRetries, type RetryPolicy } from '../../http/retry.js';
import type { HttpResponse, Transport } from '../../http/transport.js';
import type { Logger } from '../../logging.js';
import { tracepassFailure, unexpectedAnswer, type CallContext } from './errors.js';

export { MAX_IMAGES_PER_PRODUCT, TRACEPASS_IMAGE_RULE } from './limits.js';

export interface Product {
  id: string;
  imageUrls: string[];
}

export interface TracePassClient {
  /** Reads a product; safe to resend, so transient failures are retried. */
  getProduct(productId: string, signal?: AbortSignal): Promise<Product>;
  /** One POST, never resent here: see `uploadImageOnce` for the protocol that makes resending safe. */
  postImage(
    productId: string,
    image: OpenedImage,
    options?: { signal?: AbortSignal; onProgress?: (sent: number, total: number) => void },
  ): Promise<{ imageUrl: string; imageUrls: string[] }>;
  /** One DELETE, never resent. `imageUrls` is absent when TracePass answers 204 or without a list. */
  deleteImage(productId: string, index: number, signal?: AbortSignal): Promise<{ imageUrls?: string[] }>;
  /** The requests `postImage` and `deleteImage` would send, for dry runs; nothing is sent. */
  describePost(productId: string, image: OpenedImage): Promise<RequestPreview>;
  describeDelete(productId: string, index: number): Promise<RequestPreview>;
  /** The read-only call `doctor` uses to check the key. */
  listProducts(limit: number, signal?: AbortSignal): Promise<unknown>;
}

export interface TracePassClientDeps {
  config: TracePassConfig;
  transport: Transport;
  readPolicy?: RetryPolicy;
  logger?: Logger;
  now?: () => number;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** The image list of a product answer, whether TracePass wraps the product or not. */
export function imageUrlsOf(json: unknown): string[] | undefined {
  const body = json as
    { imageUrls?: unknown; data?: { imageUrls?: unknown }; product?: { imageUrls?: unknown } } | undefined;
  return (
    stringList(body?.imageUrls) ?? stringList(body?.data?.imageUrls) ?? stringList(body?.product?.imageUrls)
  );
}

export function createTracePassClient({
  config,
  transport,
  readPolicy = RETRY_POLICIES.tracepassRead,
  logger,
  now = Date.now,
}: TracePassClientDeps): TracePassClient {
  const secrets = [config.apiKey];
  const headers = { authorization: `Bearer ${config.apiKey}` };
  const url = (path: string) => new URL(config.baseUrl + path);
  const productPath = (id: string) => `/api/v1/products/${encodeURIComponent(id)}`;
  // TracePass takes the image as one multipart part named `file`.
  const filePart = (image: OpenedImage): Part[] => [{ name: 'file', file: image }];

  function ok(res: HttpResponse, ctx: CallContext): HttpResponse {
    if (res.status >= 200 && res.status < 300) return res;
    throw tracepassFailure(res, ctx, secrets, now());
  }

  const read = <T>(ctx: CallContext, path: string, pick: (res: HttpResponse) => T, signal?: AbortSignal) =>
    withRetries(
      readPolicy,
      async () =>
        pick(
          ok(
            await transport({
              platform: 'TracePass',
              method: 'GET',
              url: url(path),
              headers,
              signal,
              secrets,
            }),
            ctx,
          ),
        ),
      {
        signal,
        onRetry: (attempt, error, delayMs) =>
          logger?.log('warning', `TracePass read failed, retrying (attempt ${attempt} in ${delayMs} ms)`, {
            reason: error.message,
          }),
      },
    );

  return {
    getProduct(productId, signal) {
      const ctx = { productId, action: `read product ${productId}` };
      return read(
        ctx,
        productPath(productId),
        (res) => {
          const imageUrls = imageUrlsOf(res.json);
          if (!imageUrls) throw unexpectedAnswer(res, ctx, 'an imageUrls list');
          return { id: productId, imageUrls };
        },
        signal,
      );
    },

    async postImage(productId, image, { signal, onProgress } = {}) {
      const ctx = { productId, action: `upload the image to product ${productId}` };
      const body = await buildMultipart(filePart(image), onProgress);
      const res = ok(
        await transport({
          platform: 'TracePass',
          method: 'POST',
          url: url(`${productPath(productId)}/images`),
          headers,
          body,
          signal,
          secrets,
        }),
        ctx,
      );
      const json = res.json as { imageUrl?: unknown } | undefined;
      const imageUrls = imageUrlsOf(json);
      if (typeof json?.imageUrl !== 'string' || !imageUrls)
        throw unexpectedAnswer(res, ctx, 'imageUrl and imageUrls');
      return { imageUrl: json.imageUrl, imageUrls };
    },

    async deleteImage(productId, index, signal) {
      const ctx = { productId, action: `delete image ${index} of product ${productId}` };
      const res = ok(
        await transport({
          platform: 'TracePass',
          method: 'DELETE',
          url: url(`${productPath(productId)}/images/${index}`),
          headers,
          signal,
          secrets,
        }),
        ctx,
      );
      const imageUrls = imageUrlsOf(res.json);
      return imageUrls ? { imageUrls } : {};
    },

    describePost(productId, image) {
      return previewRequest('POST', url(`${productPath(productId)}/images`), filePart(image));
    },

    describeDelete(productId, index) {
      return previewRequest('DELETE', url(`${productPath(productId)}/images/${index}`));
    },

    listProducts(limit, signal) {
      return read(
        { productId: '', action: 'list products' },
        `/api/v1/products?limit=${limit}`,
        (res) => res.json,
        signal,
      );
    },
  };
}
