import type { OpenedImage } from '../../files/index.js';
import type { RequestPreview, UploadPreview } from '../../http/preview.js';
import type { TracePassClient } from './client.js';
import { imageAt } from './delete-checked.js';
import { ensureRoom } from './upload-once.js';

export interface UploadPlan {
  imageUrls: string[];
  /** The position the image would get. */
  index: number;
  wouldSend: UploadPreview;
}

export interface DeletePlan {
  imageUrls: string[];
  wouldDeleteUrl: string;
  wouldSend: RequestPreview;
}

/**
 * Dry runs: the same read and the same checks as the real call (unknown product, 21st image, index past
 * the end, expected_url mismatch), then a description of the request instead of the request.
 */
export async function planUpload(
  client: TracePassClient,
  productId: string,
  image: OpenedImage,
  signal?: AbortSignal,
): Promise<UploadPlan> {
  const product = await client.getProduct(productId, signal);
  ensureRoom(product);
  return {
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
