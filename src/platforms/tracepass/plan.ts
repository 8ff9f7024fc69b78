import type { OpenedImage } from '../../files/index.js';
import type { RequestPreview, UploadPreview } from '../../http/preview.js';
import type { UploadLedger } from '../../ledger/types.js';
import type { TracePassClient } from './client.js';
import { imageAt } from './delete-checked.js';
import { recordedImage, uploadKey } from './exactly-once.js';
import { ensureRoom } from './upload-once.js';

export type UploadPlan =
  /** `index`: the position the image would get. */
  | { alreadyUploaded: false; imageUrls: string[]; index: number; wouldSend: UploadPreview }
  /** The same bytes are on the product already: the real call would send nothing and return this image. */
  | { alreadyUploaded: true; imageUrls: string[]; index: number; imageUrl: string };

export interface DeletePlan {
  imageUrls: string[];
  wouldDeleteUrl: string;
  wouldSend: RequestPreview;
}

/**
 * Dry runs: the same read and the same checks as the real call (unknown product, an image already
 * uploaded, 21st image, index past the end, expected_url mismatch), then a description of the request
 * instead of the request. A dry run changes nothing, the upload record included.
 */
export async function planUpload(
  client: TracePassClient,
  productId: string,
  image: OpenedImage,
  { ledger, signal }: { ledger?: UploadLedger; signal?: AbortSignal } = {},
): Promise<UploadPlan> {
  const product = await client.getProduct(productId, signal);
  // A fitted copy's bytes are only estimated in a dry run, so whether they were uploaded before is unknown.
  if (ledger && !image.estimated) {
    const { url } = await recordedImage(ledger, await uploadKey(client, productId, image, signal), product);
    if (url !== undefined) {
      const index = product.imageUrls.lastIndexOf(url);
      return { alreadyUploaded: true, imageUrls: product.imageUrls, index, imageUrl: url };
    }
  }
  ensureRoom(product);
  return {
    alreadyUploaded: false,
    imageUrls: product.imageUrls,
    index: product.imageUrls.length,
    wouldSend: await client.describePost(productId, image),
  };
}

export async function planDelete(
  client: TracePassClient,
  productId: string,
  index: number,
  { expectedUrl, signal }: { expectedUrl?: string; signal?: AbortSignal } = {},
): Promise<DeletePlan> {
  const product = await client.getProduct(productId, signal);
  return {
    imageUrls: product.imageUrls,
    wouldDeleteUrl: imageAt(product, index, expectedUrl),
    wouldSend: client.describeDelete(productId, index),
  };
}
