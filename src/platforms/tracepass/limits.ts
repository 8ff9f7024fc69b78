import type { ImageRule } from '../../files/index.js';

/** What TracePass accepts, checked before anything is sent. */
export const TRACEPASS_IMAGE_RULE: ImageRule = {
  platform: 'TracePass',
  accept: ['png', 'jpeg', 'webp'],
  maxBytes: 5 * 1024 * 1024,
};
export const MAX_IMAGES_PER_PRODUCT = 20;
