import { sha256OfImage } from '../../files/digest.js';
import type { OpenedImage } from '../../files/index.js';
import type { LedgerKey, UploadLedger } from '../../ledger/types.js';
import type { Product, TracePassClient } from './client.js';
import { outcome, uploadImageOnce, type UploadOnceOptions, type UploadOutcome } from './upload-once.js';

export interface ExactlyOnceOutcome extends UploadOutcome {
  /** Nothing was sent: these bytes were uploaded to this product before, and that image is still there. */
  alreadyUploaded: boolean;
}

export interface ExactlyOnceOptions extends Omit<UploadOnceOptions, 'product'> {
  /** Upload even when the record says these bytes are on the product already (still recorded). */
  allowDuplicate?: boolean;
}

/** The record's key: where the bytes go (base URL, product) and what they are (SHA-256 of what is sent). */
export async function uploadKey(
  client: TracePassClient,
  productId: string,
  image: OpenedImage,
  signal?: AbortSignal,
): Promise<LedgerKey> {
  return {
    baseUrl: client.baseUrl,
    // A product id is a hex ObjectId: the same product in either case.
    productId: productId.toLowerCase(),
    sha256: await sha256OfImage(image, signal),
  };
}

/** The image recorded for `key` while it is still on the product; a URL gone from it counts for nothing. */
export async function recordedImage(
  ledger: UploadLedger,
  key: LedgerKey,
  product: Product,
): Promise<{ url: string | undefined; stale: boolean }> {
  const url = await ledger.lookup(key);
  if (url === undefined) return { url, stale: false };
  return product.imageUrls.includes(url) ? { url, stale: false } : { url: undefined, stale: true };
}

/**
 * Exactly once across calls: a client re-sending a call (after its own timeout, a broken stream, an
 * agent's retry) gets the image it already uploaded instead of a second one. Under the key's lock,
 * shared by every process using the record, so two concurrent calls for the same bytes add one image.
 */
export async function uploadExactlyOnce(
  client: TracePassClient,
  ledger: UploadLedger,
  productId: string,
  image: OpenedImage,
  { allowDuplicate = false, ...options }: ExactlyOnceOptions = {},
): Promise<ExactlyOnceOutcome> {
  const key = await uploadKey(client, productId, image, options.signal);
  return ledger.withLock(key, async () => {
    const product = await client.getProduct(productId, options.signal);
    if (!allowDuplicate) {
      const recorded = await recordedImage(ledger, key, product);
      if (recorded.url !== undefined) {
        return { ...outcome(recorded.url, product.imageUrls), alreadyUploaded: true };
      }
      if (recorded.stale) await ledger.forget(key);
    }
    const uploaded = await uploadImageOnce(client, productId, image, { ...options, product });
    // The image is on the product: failing the call now would only invite a re-send, and a duplicate.
    await ledger
      .record(key, uploaded.imageUrl)
      .catch((error: unknown) =>
        options.logger?.log(
          'warning',
          `Uploaded, but the upload record could not be updated (${(error as Error).message}): ` +
            'a re-sent call may upload this image again',
          { product_id: productId },
        ),
      );
    return { ...uploaded, alreadyUploaded: false };
  });
}
