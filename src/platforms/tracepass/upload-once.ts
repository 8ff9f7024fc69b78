import type { OpenedImage } from '../../files/index.js';
import { UpstreamError } from '../../http/errors.js';
import { withRetries } from '../../http/retry.js';
import type { Logger } from '../../logging.js';
import type { Product, TracePassClient } from './client.js';
import { MAX_IMAGES_PER_PRODUCT } from './limits.js';

export interface UploadOutcome {
  imageUrl: string;
  imageUrls: string[];
  /** The image's zero-based position. */
  index: number;
}

export interface UploadOnceOptions {
  signal?: AbortSignal;
  onProgress?: (sent: number, total: number) => void;
  logger?: Logger;
  /** The product as the caller has just read it, so it is not read twice. */
  product?: Product;
}

/** Refuses a product that already holds the maximum, before any bytes are sent. */
export function ensureRoom(product: Product): void {
  if (product.imageUrls.length >= MAX_IMAGES_PER_PRODUCT) {
    throw new Error(
      `Product ${product.id} already has ${product.imageUrls.length} images, the TracePass maximum is ${MAX_IMAGES_PER_PRODUCT}. ` +
        'Nothing was uploaded. Remove one with tracepass_delete_image first.',
    );
  }
}

export const outcome = (imageUrl: string, imageUrls: string[]): UploadOutcome => ({
  imageUrl,
  imageUrls,
  index: imageUrls.lastIndexOf(imageUrl),
});

/** True when the POST may have been stored although no usable answer came back. */
function mayHaveStored(error: UpstreamError): boolean {
  const status = error.status ?? 0;
  return error.outcomeUnknown || (error.kind === 'http' && status >= 200 && status < 300);
}

function cancelled(error: UpstreamError, productId: string): UpstreamError {
  return error.restated({
    detail: `The upload to product ${productId} was cancelled; TracePass may or may not have stored the image.`,
    fix: "List the product's images (tracepass_list_images) before uploading again: each upload that is stored adds an image.",
  });
}

/**
 * Uploads one image so that one call never adds more than one. TracePass takes no Idempotency-Key, so:
 * read the product (refusing an unknown product or a 21st image before any bytes are sent), upload, and
 * after an ambiguous failure read it again: a new image is the result; only if none appeared is the
 * upload sent again.
 */
export async function uploadImageOnce(
  client: TracePassClient,
  productId: string,
  image: OpenedImage,
  { signal, onProgress, logger, product }: UploadOnceOptions = {},
): Promise<UploadOutcome> {
  let before = product ?? (await client.getProduct(productId, signal));
  ensureRoom(before);

  const recover = async (error: UpstreamError) => {
    if (error.kind === 'cancelled') throw cancelled(error, productId);
    if (!mayHaveStored(error)) return undefined;
    const after = await client.getProduct(productId, signal).catch((readError: unknown) => {
      throw error.restated({
        detail: `${error.detail} The product could not be read afterwards to see whether the image was stored (${(readError as Error).message}).`,
        fix: "Nothing was resent: list the product's images (tracepass_list_images) before uploading again.",
      });
    });
    const stored = after.imageUrls.filter((url) => !before.imageUrls.includes(url)).at(-1);
    if (stored !== undefined) {
      logger?.log(
        'warning',
        'TracePass stored the image although the upload answer was lost; not resending',
        {
          product_id: productId,
        },
      );
      return { value: outcome(stored, after.imageUrls) };
    }
    before = after;
    ensureRoom(before);
    return undefined;
  };

  return withRetries(
    client.uploadPolicy,
    async () => {
      const { imageUrl, imageUrls } = await client.postImage(productId, image, { signal, onProgress });
      return outcome(imageUrl, imageUrls);
    },
    { what: `TracePass upload to product ${productId}`, signal, logger, recover },
  );
}
