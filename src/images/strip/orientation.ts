import { EXIF_ID } from '../containers/jpeg.js';
import { orientationOnlyExif } from '../exif.js';

/** The orientation worth keeping: any turn or flip; 1 (as stored) and unknown need no EXIF at all. */
export const keepsTurn = (orientation: number | undefined): orientation is number =>
  orientation !== undefined && orientation !== 1;

/** A JPEG APP1 segment holding only Orientation. */
export function jpegOrientationSegment(orientation: number): Uint8Array {
  const tiff = orientationOnlyExif(orientation);
  const segment = new Uint8Array(4 + EXIF_ID.length + tiff.length);
  const length = segment.length - 2;
  segment.set([0xff, 0xe1, length >> 8, length & 0xff]);
  segment.set(
    Array.from(EXIF_ID, (c) => c.charCodeAt(0)),
    4,
  );
  segment.set(tiff, 4 + EXIF_ID.length);
  return segment;
}
