import { UpstreamError } from '../../http/errors.js';
import type { Product, TracePassClient } from './client.js';

export interface DeleteOutcome {
  deletedUrl?: string;
  imageUrls: string[];
}

const count = (list: readonly string[], url: string): number => list.filter((u) => u === url).length;

/**
 * The URL at `index`, or an error that says why nothing will be deleted: an index past the end, or an
 * `expectedUrl` that is not the image there.
 */
export function imageAt(before: Product, index: number, expectedUrl?: string): string {
  const { id, imageUrls } = before;
  const target = imageUrls[index];
  if (target === undefined) {
    const range = imageUrls.length === 0 ? 'it has no images' : `valid indices are 0–${imageUrls.length - 1}`;
    const next =
      imageUrls.length === 0
        ? 'Check product_id: this product has nothing to delete.'
        : 'Pick the index from image_urls (tracepass_list_images lists them) and call again.';
    throw new Error(
      `Product ${id} has ${imageUrls.length} images, so there is no image at index ${index} (${range}). Nothing was deleted. ${next}`,
    );
  }
  if (expectedUrl !== undefined && target !== expectedUrl) {
    const where = imageUrls.indexOf(expectedUrl);
    throw new Error(
      `Image ${index} of product ${id} is ${target}, not the expected_url. Nothing was deleted. ` +
        (where >= 0
          ? `The expected image is now at index ${where}: call again with index ${where}.`
          : 'The expected image is no longer on the product (already deleted?): read image_urls again ' +
            '(tracepass_list_images) before deleting anything else.'),
    );
  }
  return target;
}

/** What to say when a DELETE's outcome is unknown and the product, read again, still shows the image. */
function notDeleted(
  error: UpstreamError,
  target: string,
  index: number,
  after: Product | undefined,
): UpstreamError {
  const notResent = 'the DELETE was not resent because indices shift';
  const at = after?.imageUrls.indexOf(target) ?? index;
  const retry = `tracepass_delete_image with index ${at} and expected_url ${target}`;
  return error.restated({
    fix: after
      ? `The image is still on the product, now at index ${at} of ${after.imageUrls.length}; ${notResent}. To retry safely, call ${retry}.`
      : `The product could not be read afterwards, so whether the image was deleted is unknown; ${notResent}. ` +
        `Call ${retry}: it checks the product first and deletes nothing if the image is gone or has moved.`,
  });
}

/**
 * Deletes one image by index. The product is read first, so the index is checked and the URL it points
 * at is known (and compared with `expectedUrl` when given). A DELETE is never resent: indices shift, so a
 * second DELETE could remove a different image. After an ambiguous failure the product is read again to
 * report what happened: the image is gone when the product holds one copy fewer of its URL.
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
      deletedUrl: target,
      imageUrls: imageUrls ?? (await client.getProduct(productId, signal)).imageUrls,
    };
  } catch (error) {
    if (!(error instanceof UpstreamError) || !(error.outcomeUnknown || error.kind === 'cancelled'))
      throw error;
    const after = await client.getProduct(productId).catch(() => undefined);
    if (after && count(after.imageUrls, target) < count(before.imageUrls, target)) {
      return { deletedUrl: target, imageUrls: after.imageUrls };
    }
    throw notDeleted(error, target, index, after);
  }
}
