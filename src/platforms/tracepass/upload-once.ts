import { setTimeout as sleep } from 'node:timers/promises';
import type { OpenedImage } from '../../files/index.js';
import { UpstreamError } from '../../http/errors.js';
import { RETRY_POLICIES, backoffMs, isRetryable, type RetryPolicy } from '../../http/retry.js';
import type { Logger } from '../../logging.js';
import type { Product, TracePassClient } from './client.js';
import { MAX_IMAGES_PER_PRODUCT } from './limits.js';

export interface UploadOutcome {
  image_url: string;
  image_urls: string[];
  index: number;
}

export interface UploadOnceOptions {
  signal?: AbortSignal;
  onProgress?: (sent: number, total: number) => void;
  policy?: RetryPolicy;
  logger?: Logger;
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

function outcome(imageUrl: string, imageUrls: string[]): UploadOutcome {
  return { image_url: imageUrl, image_urls: imageUrls, index: imageUrls.lastIndexOf(imageUrl) };
}

/** True when the POST may have been stored although no usable answer came back. */
function mayHaveStored(error: UpstreamError): boolean {
  return (
    error.outcomeUnknown || (error.kind === 'http' && (error.status ?? 0) >= 200 && (error.status ?? 0) < 300)
  );
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
  { signal, onProgress, policy = RETRY_POLICIES.tracepassUpload, logger }: UploadOnceOptions = {},
): Promise<UploadOutcome> {
  let before = await client.getProduct(productId, signal);
  ensureRoom(before);

  for (let attempt = 1; ; attempt++) {
    try {
      const { imageUrl, imageUrls } = await client.postImage(productId, image, { signal, onProgress });
      return outcome(imageUrl, imageUrls);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      if (error.kind === 'cancelled') {
        throw new UpstreamError({
          platform: 'TracePass',
          kind: 'cancelled',
          message:
            `The upload to product ${productId} was cancelled; TracePass may or may not have stored the image. ` +
            'Check the product before uploading again: each upload that is stored adds an image.',
        });
      }
      const ambiguous = mayHaveStored(error);
      if (!ambiguous && !isRetryable(policy, error)) throw error;

      if (ambiguous) {
        const after = await client.getProduct(productId, signal).catch((readError: unknown) => {
          throw new UpstreamError({
            platform: 'TracePass',
            kind: error.kind,
            status: error.status,
            message:
              `${error.message} The product could not be read afterwards to see whether the image was stored ` +
              `(${(readError as Error).message}). Nothing was resent: list the product's images (tracepass_upload_image with dry_run) before uploading again.`,
          });
        });
        const added = after.imageUrls.filter((url) => !before.imageUrls.includes(url));
        const stored = added.at(-1);
        if (stored !== undefined) {
          logger?.log(
            'warning',
            `TracePass stored the image although the upload answer was lost; not resending`,
            {
              product_id: productId,
            },
          );
          return outcome(stored, after.imageUrls);
        }
        before = after;
        ensureRoom(before);
      }
      if (attempt >= policy.attempts || !isRetryable(policy, error)) throw error;
      const delay = backoffMs(policy, attempt);
      logger?.log(
        'warning',
        `TracePass upload failed and nothing was stored; resending (attempt ${attempt + 1} in ${delay} ms)`,
        {
          reason: error.message,
        },
      );
      await sleep(delay, undefined, { signal }).catch(() => {
        throw error;
      });
    }
  }
}
