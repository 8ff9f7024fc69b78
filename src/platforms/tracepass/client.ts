import type { OpenedImage } from '../../files/index.js';
import { buildMultipart, type Part } from '../../http/multipart.js';
import {
  previewRequest,
  previewUpload,
  type RequestPreview,
  type UploadPreview,
} from '../../http/preview.js';
import { NEVER_RETRY, withRetries } from '../../http/retry.js';
import type { HttpRequest, HttpResponse } from '../../http/transport.js';
import type { ClientDeps } from '../platform.js';
import {
  imageUrlsOf,
  TRACEPASS_ANSWERS,
  tracepassFailure,
  unexpectedAnswer,
  uploadedOf,
  type CallContext,
} from './answer.js';
import type { TracePassConfig } from './config.js';

export interface Product {
  id: string;
  imageUrls: string[];
}

export interface TracePassClient {
  /** Where requests go (normalized: no trailing slash); part of the upload record's key. */
  readonly baseUrl: string;
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
  describePost(productId: string, image: OpenedImage): Promise<UploadPreview>;
  describeDelete(productId: string, index: number): RequestPreview;
  /** The read-only call `doctor` uses to check the key. */
  listProducts(limit: number, signal?: AbortSignal): Promise<void>;
  /** Policies the protocols above one request follow (`uploadImageOnce`). */
  readonly uploadPolicy: ClientDeps<TracePassConfig>['policies'][string];
}

const productPath = (id: string) => `/api/v1/products/${encodeURIComponent(id)}`;
// TracePass takes the image as one multipart part named `file`.
const filePart = (image: OpenedImage): Part[] => [{ name: 'file', file: image }];

export function createTracePassClient(deps: ClientDeps<TracePassConfig>): TracePassClient {
  const { config, service, transport, policies } = deps;
  const headers = { authorization: `Bearer ${config.apiKey}` };
  const url = (path: string) => new URL(config.baseUrl + path);

  /** One request; a failure answer becomes the mapped error. */
  async function send(
    ctx: CallContext,
    req: Omit<HttpRequest, 'service' | 'headers' | 'reader'>,
  ): Promise<HttpResponse> {
    const res = await transport({ ...req, service, headers, reader: TRACEPASS_ANSWERS });
    if (res.status >= 200 && res.status < 300) return res;
    throw tracepassFailure(res, ctx, deps.now());
  }

  const read = (ctx: CallContext, path: string, signal?: AbortSignal) =>
    withRetries(policies.read ?? NEVER_RETRY, () => send(ctx, { method: 'GET', url: url(path), signal }), {
      what: `TracePass ${ctx.action}`,
      signal,
      logger: deps.logger,
    });

  return {
    baseUrl: config.baseUrl,
    uploadPolicy: policies.upload ?? NEVER_RETRY,

    async getProduct(productId, signal) {
      const ctx = { productId, action: `read product ${productId}` };
      const res = await read(ctx, productPath(productId), signal);
      const imageUrls = imageUrlsOf(res.json);
      if (!imageUrls) throw unexpectedAnswer(res, ctx, 'an imageUrls list');
      return { id: productId, imageUrls };
    },

    async postImage(productId, image, { signal, onProgress } = {}) {
      const ctx = { productId, action: `upload the image to product ${productId}` };
      const body = await buildMultipart(filePart(image), onProgress);
      const res = await send(ctx, {
        method: 'POST',
        url: url(`${productPath(productId)}/images`),
        body,
        signal,
      });
      const uploaded = uploadedOf(res.json);
      if (!uploaded) throw unexpectedAnswer(res, ctx, 'imageUrl and imageUrls');
      return uploaded;
    },

    async deleteImage(productId, index, signal) {
      const ctx = { productId, action: `delete image ${index} of product ${productId}` };
      const res = await send(ctx, {
        method: 'DELETE',
        url: url(`${productPath(productId)}/images/${index}`),
        signal,
      });
      const imageUrls = imageUrlsOf(res.json);
      return imageUrls ? { imageUrls } : {};
    },

    describePost: (productId, image) =>
      previewUpload(url(`${productPath(productId)}/images`), filePart(image)),

    describeDelete: (productId, index) =>
      previewRequest('DELETE', url(`${productPath(productId)}/images/${index}`)),

    async listProducts(limit, signal) {
      await read({ productId: '', action: 'list products' }, `/api/v1/products?limit=${limit}`, signal);
    },
  };
}
