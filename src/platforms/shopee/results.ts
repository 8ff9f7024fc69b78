import type { ShopeeBody } from './errors.js';

export interface ImageUrl {
  image_url_region: string;
  image_url: string;
}

export interface ShopeeImageResult {
  path: string;
  image_id?: string;
  image_url_list?: ImageUrl[];
  error?: string;
  message?: string;
}

interface ImageInfo {
  image_id?: unknown;
  image_url_list?: unknown;
}

interface ImageInfoEntry {
  id?: unknown;
  error?: unknown;
  message?: unknown;
  image_info?: ImageInfo;
}

function urls(list: unknown): ImageUrl[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((u: { image_url_region?: unknown; image_url?: unknown }) =>
    typeof u?.image_url === 'string'
      ? [{ image_url_region: String(u.image_url_region ?? ''), image_url: u.image_url }]
      : [],
  );
}

function fromInfo(path: string, info: ImageInfo | undefined): ShopeeImageResult {
  if (typeof info?.image_id !== 'string' || info.image_id === '') {
    return {
      path,
      error: 'missing_image_id',
      message: 'Shopee returned no image_id for this image; upload it again.',
    };
  }
  return { path, image_id: info.image_id, image_url_list: urls(info.image_url_list) };
}

/**
 * One result per path, in input order. Shopee reports each image in `image_info_list` by zero-based
 * `id`; a single-image answer may carry only `image_info`.
 */
export function imageResults(body: ShopeeBody, paths: readonly string[]): ShopeeImageResult[] {
  const response = (body.response ?? {}) as { image_info?: ImageInfo; image_info_list?: unknown };
  const list = Array.isArray(response.image_info_list)
    ? (response.image_info_list as ImageInfoEntry[])
    : undefined;

  return paths.map((path, index) => {
    const entry = list?.find((e) => Number(e?.id) === index);
    if (entry === undefined) {
      if (paths.length === 1 && response.image_info) return fromInfo(path, response.image_info);
      return {
        path,
        error: 'missing_result',
        message: 'Shopee returned no result for this image; upload it again.',
      };
    }
    if (typeof entry.error === 'string' && entry.error !== '') {
      return { path, error: entry.error, message: typeof entry.message === 'string' ? entry.message : '' };
    }
    return fromInfo(path, entry.image_info);
  });
}
