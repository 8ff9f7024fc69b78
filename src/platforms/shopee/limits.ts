import type { ImageRule } from '../../files/index.js';

/** Shopee's media space takes this many images per call. */
export const MAX_IMAGES_PER_CALL = 8;

/** What Shopee accepts, checked before anything is sent. */
export const SHOPEE_IMAGE_RULE: ImageRule = {
  platform: 'Shopee',
  accept: ['jpeg', 'png'],
  maxBytes: 10 * 1024 * 1024,
};
