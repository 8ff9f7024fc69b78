import type { ImageFormat, ImageType } from '../files/sniff.js';
import { SHOPEE_IMAGE_RULE } from '../platforms/shopee/limits.js';
import { TRACEPASS_IMAGE_RULE } from '../platforms/tracepass/limits.js';
import type { ImageInfo } from './types.js';

/** What a platform takes as it is: the shape of `ImageRule`, without its name. */
export interface Target {
  accept: readonly ImageType[];
  maxBytes: number;
}

export const PLATFORM_TARGETS = { shopee: SHOPEE_IMAGE_RULE, tracepass: TRACEPASS_IMAGE_RULE } as const;

/** True when an image of this type, sending `bytes` bytes, is taken as it is. */
export function fitsTarget(info: Pick<ImageInfo, 'type'>, bytes: number, target: Target): boolean {
  return (target.accept as readonly ImageFormat[]).includes(info.type) && bytes <= target.maxBytes;
}

/** `fit` has work to do only for an image the target would refuse; one that complies is just stripped. */
export const needsFit = (info: Pick<ImageInfo, 'type'>, bytes: number, target: Target): boolean =>
  !fitsTarget(info, bytes, target);

/**
 * Whether each platform takes the image without `fit`. `bytes` is what would be sent: the stripped
 * size when metadata is stripped, else the file's size.
 */
export function fitsAsIs(
  info: Pick<ImageInfo, 'type'>,
  bytes: number,
  targets: { shopee: Target; tracepass: Target } = PLATFORM_TARGETS,
): { shopee: boolean; tracepass: boolean } {
  return {
    shopee: fitsTarget(info, bytes, targets.shopee),
    tracepass: fitsTarget(info, bytes, targets.tracepass),
  };
}
