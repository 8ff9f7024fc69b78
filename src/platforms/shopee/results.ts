import type { ImageInfo, ShopeeBody } from './answer.js';

export interface ShopeeImageUrl {
  region: string;
  url: string;
}

/** One image of an upload: its id and URLs, or Shopee's reason for refusing that image. */
export interface ShopeeImage {
  path: string;
  imageId?: string;
  imageUrls?: ShopeeImageUrl[];
  error?: string;
  message?: string;
}

function fromInfo(path: string, info: ImageInfo | undefined): ShopeeImage {
  if (!info?.image_id) {
    return {
      path,
      error: 'missing_image_id',
      message: 'Shopee returned no image_id for this image; upload it again.',
    };
  }
  const urls = (info.image_url_list ?? []).map((u) => ({ region: u.image_url_region, url: u.image_url }));
  return { path, imageId: info.image_id, imageUrls: urls };
}

/**
 * One result per path, in input order. Shopee reports each image in `image_info_list` by zero-based
 * `id`; a single-image answer may carry only `image_info`.
 */
export function imageResults(body: ShopeeBody, paths: readonly string[]): ShopeeImage[] {
  const list = body.response?.image_info_list;
  const single = body.response?.image_info;
  return paths.map((path, index) => {
    const entry = list?.find((e) => e.id === index);
    if (entry === undefined) {
      if (paths.length === 1 && single) return fromInfo(path, single);
      return {
        path,
        error: 'missing_result',
        message: 'Shopee returned no result for this image; upload it again.',
      };
    }
    if (entry.error) return { path, error: entry.error, message: entry.message ?? '' };
    return fromInfo(path, entry.image_info);
  });
}
