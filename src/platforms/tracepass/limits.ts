import type { ImageRule } from '../../files/index.js';

/** What TracePass accepts, checked before anything is sent. Kept apart from the client so start-up need not load it. */
export const TRACEPASS_IMAGE_RULE: ImageRule = {
  platform: 'TracePass',
  accept: ['png', 'jpeg', 'webp'],
  maxBytes: 5 * 1024 * 1024,
};
export const MAX_IMAGES_PER_PRODUCT = 20;
