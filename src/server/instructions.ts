/** Sent at initialize: what the server is for and how its tools fit together. */
export const INSTRUCTIONS = `Uploads product images from the user's disk to Shopee and TracePass.
- Paths are absolute or relative to the allowed folders; files outside them are refused. Types are read from the bytes.
- shopee_upload_images: 1–8 JPEG/PNG (≤ 10 MB each) per call. Use each image_id in Shopee item APIs (add_item/update_item image_id_list); an image is on no item until then.
- tracepass_upload_image: one PNG/JPEG/WebP (≤ 5 MB) per call; a product holds at most 20. Safe to retry: never adds the image twice.
- tracepass_delete_image: by zero-based index; later images shift down. Pass expected_url (from image_urls) so the right one goes.
- dry_run: true on any tool runs every check (TracePass: reads the product) and describes the request without changing anything; use it to preview, or to see a product's image_urls before a delete.
- Errors say what to change (a variable, a file, an argument); follow them rather than retrying unchanged.`;
