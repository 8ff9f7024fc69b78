import { randomBytes } from 'node:crypto';
import { receiveBody } from './platform.js';
import { emptyReply, jsonReply, type Reply } from './respond.js';
import type { Exchange, ImageKind, Product } from './types.js';

/** "max 5 MB per file", in binary megabytes. */
export const TRACEPASS_MAX_IMAGE_BYTES = 5_242_880;
const MAX_IMAGES_PER_PRODUCT = 20;
const EXTENSIONS: Record<string, { kind: ImageKind; ext: string }> = {
  'image/png': { kind: 'png', ext: 'png' },
  'image/jpeg': { kind: 'jpeg', ext: 'jpg' },
  'image/webp': { kind: 'webp', ext: 'webp' },
};

export function tracepassError(status: number, error: string): Reply {
  return jsonReply(status, { error }, error);
}

export interface ImagesContext {
  url: string;
  deleteStatus: 200 | 204;
}

export async function uploadProductImage(ex: Exchange, product: Product, ctx: ImagesContext): Promise<Reply> {
  const body = await receiveBody(ex, TRACEPASS_MAX_IMAGE_BYTES);
  const file = body.ok ? body.files.find((part) => part.field === 'file') : undefined;
  if (!file)
    return tracepassError(400, "No file provided. Send as multipart/form-data with field name 'file'.");
  if (file.size > TRACEPASS_MAX_IMAGE_BYTES) return tracepassError(413, 'Image must be under 5MB');
  const declared = file.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const type = Object.hasOwn(EXTENSIONS, declared) ? EXTENSIONS[declared] : undefined;
  if (!type || file.sniffed !== type.kind) {
    return tracepassError(415, 'Unsupported MIME type — accepts image/png, image/jpeg, image/webp');
  }
  if (product.imageUrls.length >= MAX_IMAGES_PER_PRODUCT) {
    return tracepassError(422, 'Product already has 20 images (max). Delete one first.');
  }
  const name = `${randomBytes(12).toString('hex')}.${type.ext}`;
  const imageUrl = `${ctx.url}/r2/emulator-company/products/${product.id}/images/${name}`;
  product.imageUrls.push(imageUrl);
  return jsonReply(201, { imageUrl, imageUrls: [...product.imageUrls] });
}

export function deleteProductImage(product: Product, rawIndex: string, ctx: ImagesContext): Reply {
  const index = /^\d+$/.test(rawIndex) ? Number(rawIndex) : Number.NaN;
  if (!(index < product.imageUrls.length)) {
    return tracepassError(400, `Image index out of range: product has ${product.imageUrls.length} images`);
  }
  product.imageUrls.splice(index, 1);
  return ctx.deleteStatus === 204 ? emptyReply(204) : jsonReply(200, { imageUrls: [...product.imageUrls] });
}
