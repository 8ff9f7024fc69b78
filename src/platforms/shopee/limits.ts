import type { ImageRule } from '../../files/index.js';

/** What Shopee accepts, checked before anything is sent. Kept apart from the client so start-up need not load it. */
export const SHOPEE_IMAGE_RULE: ImageRule = {
  platform: 'Shopee',
  accept: ['jpeg', 'png'],
  maxBytes: 10 * 1024 * 1024,
};
