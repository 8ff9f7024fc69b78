import type { OpenedImage } from '../../files/index.js';
import type { RequestPreview } from '../../http/preview.js';
import type { TracePassClient } from './client.js';
import { imageAt } from './delete-checked.js';
import { ensureRoom } from './upload-once.js';

export interface UploadPlan {
  image_urls: string[];
  /** The position the image would get. */
  index: number;
  would_send: RequestPreview;
}

export interface DeletePlan {
  image_urls: string[];
  would_delete_url: string;
  would_send: RequestPreview;
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
    image_urls: product.imageUrls,
    index: product.imageUrls.length,
    would_send: await client.describePost(productId, image),
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
    image_urls: product.imageUrls,
    would_delete_url: imageAt(product, index, expectedUrl),
    would_send: await client.describeDelete(productId, index),
  };
}
