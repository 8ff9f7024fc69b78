import { z } from 'zod';
import type { ImageRule, OpenedImage } from '../files/index.js';

/** The image-preparation inputs and output both upload tools share (contract: "Image preparation"). */

export const fitInput = z
  .boolean({ error: 'fit must be true or false (or left out)' })
  .optional()
  .describe('Prepare an image the platform would refuse (type or size): convert, downscale, recompress');

export const stripInput = z
  .boolean({ error: 'strip_metadata must be true or false (or left out)' })
  .optional()
  .describe(
    'Default true: remove EXIF/XMP/IPTC/comments (GPS location…) without touching pixels; false sends the file as is',
  );

export const preparedOutput = z
  .object({
    from_type: z.string(),
    from_bytes: z.number(),
    to_type: z.string(),
    to_bytes: z.number(),
    width: z.number(),
    height: z.number(),
    changes: z.array(z.enum(['metadata_removed', 'oriented', 'converted', 'resized', 'recompressed'])),
  })
  .optional()
  .describe('Present when the bytes sent differ from the file');

/** The platform's rule with the call's preparation choices; metadata is stripped unless turned off. */
export const withPreparation = (
  rule: ImageRule,
  input: { fit?: boolean; strip_metadata?: boolean; dry_run?: boolean },
): ImageRule => ({
  ...rule,
  strip: input.strip_metadata ?? true,
  fit: input.fit ?? false,
  dryRun: input.dry_run ?? false,
});

/** `{ prepared }` for a result entry, when there is anything to say. */
export const preparedField = (image: OpenedImage) => (image.prepared ? { prepared: image.prepared } : {});

/** One line per prepared image for the summary a model reads. */
export function describePrepared(image: OpenedImage): string[] {
  const p = image.prepared;
  if (!p) return [];
  const size = (n: number) => `${n.toLocaleString('en-US')} bytes`;
  return [
    `- ${image.path}: ${p.changes.join(', ')} (${p.from_type} ${size(p.from_bytes)} → ${p.to_type} ` +
      `${size(p.to_bytes)}, ${p.width}×${p.height})`,
  ];
}
