import type { ImageFormat } from '../files/sniff.js';

/** What an image's headers tell, read without decoding it. */
export interface ImageInfo {
  type: ImageFormat;
  /** As stored; an `orientation` of 5–8 means it is shown turned a quarter. */
  width: number;
  height: number;
  /** The image carries GPS coordinates (an EXIF GPS IFD with a latitude and a longitude). */
  hasLocation: boolean;
  /** EXIF orientation 1–8, when the image states one. */
  orientation?: number;
}
