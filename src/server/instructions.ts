import { MAX_IMAGES_PER_CALL, SHOPEE_IMAGE_RULE } from '../platforms/shopee/limits.js';
import { MAX_IMAGES_PER_PRODUCT, TRACEPASS_IMAGE_RULE } from '../platforms/tracepass/limits.js';

const mb = (bytes: number) => bytes / 1024 / 1024;

/** Sent to the client when it connects: what the server is for and how its tools fit together. */
export const INSTRUCTIONS = `Uploads product images from the user's disk to Shopee and TracePass.
- Paths are absolute or relative to the allowed folders; files outside them are refused. Types are read from the bytes.
- list_local_images finds the images in the allowed folders. Uploads remove metadata (GPS) unless strip_metadata: false; fit: true converts or shrinks an image a platform would refuse.
- shopee_upload_images: 1–${MAX_IMAGES_PER_CALL} JPEG/PNG (≤ ${mb(SHOPEE_IMAGE_RULE.maxBytes)} MB each) per call. Use each image_id in Shopee item APIs (add_item/update_item image_id_list); an image is on no item until then.
- tracepass_upload_image: one PNG/JPEG/WebP (≤ ${mb(TRACEPASS_IMAGE_RULE.maxBytes)} MB) per call; a product holds at most ${MAX_IMAGES_PER_PRODUCT}. Safe to retry: never adds the image twice.
- tracepass_list_images: a product's image URLs in order; tracepass_delete_image: by zero-based index, later images move up one. Pass expected_url (from image_urls) so the right one goes.
- dry_run: true on an upload or delete runs every check (TracePass: reads the product) and describes the request without changing anything.
- Errors say what to change (a variable, a file, an argument); follow them rather than retrying unchanged.`;
