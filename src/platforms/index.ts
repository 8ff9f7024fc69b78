import type { Platform } from './platform.js';
import { shopee } from './shopee/index.js';
import { tracepass } from './tracepass/index.js';

/** Every platform the server uploads to. A new platform is a folder beside these and one entry here. */
export const PLATFORMS: readonly Platform[] = [shopee, tracepass];
