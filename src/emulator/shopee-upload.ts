import { randomBytes } from 'node:crypto';
import type { FormPart } from './multipart.js';
import { receiveBody } from './platform.js';
import { jsonReply, type Reply } from './respond.js';
import { requestId, shopeeError, wrongParameters, type ErrorStatusMode } from './shopee-errors.js';
import type { Exchange, RecordedPart, StoredShopeeImage } from './types.js';

export const UPLOAD_IMAGE_PATH = '/api/v2/media_space/upload_image';
/** "Max 10.0 MB each", in binary megabytes. */
export const SHOPEE_MAX_IMAGE_BYTES = 10_485_760;
/** "image number should be less than 9". */
const MAX_IMAGES = 8;
const ENUMS: Record<string, string[]> = { scene: ['normal', 'desc'], ratio: ['1:1', '3:4'] };
const IMAGE_URL_REGIONS = ['SG', 'BR'];

export interface ShopeeUploadContext {
  url: string;
  errorStatus: ErrorStatusMode;
  singleImageShape: 'list' | 'info' | 'both';
  images: Map<string, StoredShopeeImage>;
}

interface ImageInfo {
  image_id: string;
  image_url_list: { image_url_region: string; image_url: string }[];
}

interface ImageResult {
  id: number;
  error: string;
  message: string;
  image_info?: ImageInfo;
}

/** The first form problem, in the order Shopee reports them. */
function formProblem(
  order: FormPart[],
  fields: Record<string, string>,
  imageCount: number,
): string | undefined {
  for (const { name, isFile } of order) {
    if (name === 'image' && !isFile) return 'image must be a file';
    if (isFile ? name !== 'image' : !Object.hasOwn(ENUMS, name)) return `unknown field '${name}'`;
  }
  for (const [name, allowed] of Object.entries(ENUMS)) {
    const value = fields[name];
    if (value !== undefined && !allowed.includes(value))
      return `${name} should be one of ${allowed.join(', ')}`;
  }
  if (imageCount === 0) return 'image is required';
  if (imageCount > MAX_IMAGES) return `image number should be less than ${MAX_IMAGES + 1}`;
  return undefined;
}

function imageProblem(part: RecordedPart): string | undefined {
  if (part.size > SHOPEE_MAX_IMAGE_BYTES) return 'Image size should not exceed 10 MB.';
  if (part.sniffed !== 'jpeg' && part.sniffed !== 'png') return 'Image format should be JPG, JPEG or PNG.';
  return undefined;
}

function store(part: RecordedPart, ctx: ShopeeUploadContext): ImageInfo {
  const imageId = `sg-11134201-${randomBytes(12).toString('hex')}`;
  const sniffed = part.sniffed === 'png' ? 'png' : 'jpeg';
  ctx.images.set(imageId, {
    imageId,
    size: part.size,
    sniffed,
    ...(part.sha256 ? { sha256: part.sha256 } : {}),
  });
  return {
    image_id: imageId,
    image_url_list: IMAGE_URL_REGIONS.map((region) => ({
      image_url_region: region,
      image_url: `${ctx.url}/shopee/file/${imageId}`,
    })),
  };
}

function processImage(part: RecordedPart, id: number, ex: Exchange, ctx: ShopeeUploadContext): ImageResult {
  const problem = imageProblem(part);
  if (problem) return { id, error: 'error_param', message: problem };
  const fault = ex.fault;
  if (fault?.kind === 'partial-failure' && fault.failIndices.includes(id)) {
    const error = fault.error ?? 'error_tier_img_partial';
    return { id, error, message: fault.message ?? 'Interal error, please contact openapi team.' };
  }
  return { id, error: '', message: '', image_info: store(part, ctx) };
}

function answer(results: ImageResult[], ctx: ShopeeUploadContext): Reply {
  const [only] = results;
  const single = results.length === 1 && only !== undefined;
  // With image_info alone there is nowhere to put a per-image error, so it becomes the call's error.
  if (single && ctx.singleImageShape === 'info' && !only.image_info) {
    return shopeeError(only.error, only.message, ctx.errorStatus);
  }
  const response =
    single && ctx.singleImageShape === 'info'
      ? { image_info: only.image_info }
      : single && ctx.singleImageShape === 'both' && only.image_info
        ? { image_info_list: results, image_info: only.image_info }
        : { image_info_list: results };
  return jsonReply(200, { request_id: requestId(), error: '', message: '', warning: '', response });
}

export async function uploadImage(ex: Exchange, ctx: ShopeeUploadContext): Promise<Reply> {
  const body = await receiveBody(ex, SHOPEE_MAX_IMAGE_BYTES);
  if (!body.ok) {
    const detail =
      body.reason === 'malformed' ? 'malformed multipart body' : 'body must be multipart/form-data';
    return wrongParameters(detail, ctx.errorStatus);
  }
  const images = body.files.filter((part) => part.field === 'image');
  const problem = formProblem(body.order, body.fields, images.length);
  if (problem) return wrongParameters(problem, ctx.errorStatus);
  return answer(
    images.map((part, id) => processImage(part, id, ex, ctx)),
    ctx,
  );
}
