import { UpstreamError } from '../../http/errors.js';
import type { Product, TracePassClient } from './client.js';

export interface DeleteOutcome {
  deleted_url?: string;
  image_urls: string[];
}

function count(list: readonly string[], url: string): number {
  return list.filter((u) => u === url).length;
}

/**
 * The URL at `index`, or an error that says why nothing will be deleted: an index past the end, or an
 * `expectedUrl` that is not the image there.
 */
export function imageAt(before: Product, index: number, expectedUrl?: string): string {
  const productId = before.id;
  const target = before.imageUrls[index];
  if (target === undefined) {
    const range =
      before.imageUrls.length === 0
        ? 'it has no images'
        : `valid indices are 0–${before.imageUrls.length - 1}`;
    const next =
      before.imageUrls.length === 0
        ? 'Check product_id: this product has nothing to delete.'
        : 'Pick the index from image_urls (a dry_run call lists them) and call again.';
    throw new Error(
      `Product ${productId} has ${before.imageUrls.length} images, so there is no image at index ${index} (${range}). Nothing was deleted. ${next}`,
    );
  }
  if (expectedUrl !== undefined && target !== expectedUrl) {
    const where = before.imageUrls.indexOf(expectedUrl);
    throw new Error(
      `Image ${index} of product ${productId} is ${target}, not the expected_url. Nothing was deleted. ` +
        (where >= 0
          ? `The expected image is now at index ${where}: call again with index ${where}.`
          : 'The expected image is no longer on the product (already deleted?): read image_urls again ' +
            '(a dry_run call lists them) before deleting anything else.'),
    );
  }
  return target;
}

/**
 * Deletes one image by index. The product is read first, so the index is checked and the URL it points
 * at is known (and compared with `expectedUrl` when given). A DELETE is never resent: indices shift, so a
 * second DELETE could remove a different image. After an ambiguous failure the product is read again to
 * report what happened.
 */
export async function deleteImageChecked(
  client: TracePassClient,
  productId: string,
  index: number,
  { expectedUrl, signal }: { expectedUrl?: string; signal?: AbortSignal } = {},
): Promise<DeleteOutcome> {
  const before = await client.getProduct(productId, signal);
  const target = imageAt(before, index, expectedUrl);

  try {
    const { imageUrls } = await client.deleteImage(productId, index, signal);
    return {
      deleted_url: target,
      image_urls: imageUrls ?? (await client.getProduct(productId, signal)).imageUrls,
    };
  } catch (error) {
    if (!(error instanceof UpstreamError) || !(error.outcomeUnknown || error.kind === 'cancelled'))
      throw error;
    const after = await client.getProduct(productId).catch(() => undefined);
    if (after && count(after.imageUrls, target) < count(before.imageUrls, target)) {
      return { deleted_url: target, image_urls: after.imageUrls };
    }
    const notResent = 'the DELETE was not resent because indices shift';
    const retry = (at: number) => `tracepass_delete_image with index ${at} and expected_url ${target}`;
    const at = after?.imageUrls.indexOf(target) ?? index;
    const state = after
      ? `The image is still on the product, now at index ${at} of ${after.imageUrls.length}; ${notResent}. ` +
        `To retry safely, call ${retry(at)}.`
      : `The product could not be read afterwards, so whether the image was deleted is unknown; ${notResent}. ` +
        `Call ${retry(at)}: it checks the product first and deletes nothing if the image is gone or has moved.`;
    throw new UpstreamError({
      platform: 'TracePass',
      kind: error.kind,
      status: error.status,
      message: `${error.message} ${state}`,
    });
  }
}
