import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { closeAll, type OpenedImage } from '../files/index.js';
import { quote } from '../http/errors.js';
import type { ShopeeClient, ShopeeUpload } from '../platforms/shopee/client.js';
import { MAX_IMAGES_PER_CALL, SHOPEE_IMAGE_RULE } from '../platforms/shopee/limits.js';
import type { ToolContext } from '../platforms/platform.js';
import { describeRequest, dryRunInput, dryRunOutput } from './dry-run.js';
import { progressReporter } from './progress.js';
import { toolResult } from './result.js';
import {
  describePrepared,
  fitInput,
  preparedField,
  preparedOutput,
  stripInput,
  withPreparation,
} from './prepare-fields.js';
import { expecting, imagePath, megabytes } from './schemas.js';

const MB = megabytes(SHOPEE_IMAGE_RULE.maxBytes);

const inputSchema = z.object({
  paths: z
    .array(
      imagePath(`JPEG/PNG ≤ ${MB} MB`),
      expecting('paths', `a list of 1–${MAX_IMAGES_PER_CALL} image paths`),
    )
    .min(1, 'give at least one image path')
    .max(MAX_IMAGES_PER_CALL, `Shopee takes at most ${MAX_IMAGES_PER_CALL} images per call: split the batch`)
    .describe('Sent in one call; results keep this order'),
  scene: z
    .enum(['normal', 'desc'], { error: "scene must be 'normal' or 'desc' (or left out for 'normal')" })
    .optional()
    .describe("'normal' (default): made a square item image; 'desc': kept as is, for descriptions"),
  ratio: z
    .enum(['1:1', '3:4'], { error: "ratio must be '1:1' or '3:4' (or left out for '1:1')" })
    .optional()
    .describe("'1:1' (default); '3:4' for whitelisted sellers only"),
  fit: fitInput,
  strip_metadata: stripInput,
  dry_run: dryRunInput,
});

const outputSchema = z.object({
  request_id: z.string().describe("Shopee's request id, for support; empty in a dry run"),
  warning: z.string().optional().describe("Shopee's warning, if any"),
  images: z
    .array(
      z.object({
        path: z.string(),
        image_id: z.string().optional().describe('Use this id in item APIs (add_item, update_item)'),
        image_url_list: z.array(z.object({ image_url_region: z.string(), image_url: z.string() })).optional(),
        error: z.string().optional(),
        message: z.string().optional(),
        prepared: preparedOutput,
      }),
    )
    .describe('One entry per path, in input order'),
  ...dryRunOutput,
});

/** The domain result in the wire's snake_case. */
const toWire = (upload: ShopeeUpload, opened: readonly OpenedImage[]): z.input<typeof outputSchema> => ({
  request_id: upload.requestId,
  ...(upload.warning ? { warning: upload.warning } : {}),
  images: upload.images.map(({ path, imageId, imageUrls, error, message }, i) => ({
    path,
    ...(opened[i] ? preparedField(opened[i]) : {}),
    ...(imageId !== undefined ? { image_id: imageId } : {}),
    ...(imageUrls
      ? { image_url_list: imageUrls.map((u) => ({ image_url_region: u.region, image_url: u.url })) }
      : {}),
    ...(error !== undefined ? { error, message: message ?? '' } : {}),
  })),
});

/** Every string from Shopee is quoted: an answer cannot add lines that read as results or instructions. */
function summarize(upload: ShopeeUpload): string {
  const uploaded = upload.images.filter((image) => image.imageId !== undefined);
  return [
    `Uploaded ${uploaded.length} of ${upload.images.length} image(s) to Shopee (request_id ${upload.requestId ? quote(upload.requestId) : 'none'}).`,
    ...upload.images.map((image) =>
      image.imageId
        ? `- ${image.path} → image_id ${quote(image.imageId)}`
        : `- ${image.path} failed (${quote(image.error ?? '')}: ${image.message ? quote(image.message) : 'no message'})`,
    ),
    ...(upload.warning ? [`Warning from Shopee: ${quote(upload.warning)}`] : []),
    ...(uploaded.length < upload.images.length
      ? [
          'Send the failed image(s) again in a new call; if one fails again, check that file ' +
            `(a JPEG or PNG of at most ${MB} MB that opens in an image viewer).`,
        ]
      : []),
  ].join('\n');
}

export function registerShopeeUploadImages(server: McpServer, ctx: ToolContext<ShopeeClient>): void {
  server.registerTool(
    'shopee_upload_images',
    {
      title: 'Upload images to Shopee',
      description:
        `Upload 1–${MAX_IMAGES_PER_CALL} local JPEG/PNG images (≤ ${MB} MB each) to Shopee's media space in one call; returns an ` +
        'image_id per image for Shopee item APIs. All files are checked first: one bad file refuses the ' +
        'batch. Metadata (GPS…) is removed unless strip_metadata is false; fit prepares images Shopee would refuse. ' +
        'dry_run: check and describe, send nothing.',
      inputSchema,
      outputSchema,
      annotations: { openWorldHint: true, destructiveHint: false },
    },
    async ({ paths, scene, ratio, fit, strip_metadata, dry_run }, { mcpReq }) => {
      const shopee = await ctx.client();
      const rule = withPreparation(SHOPEE_IMAGE_RULE, { fit, strip_metadata, dry_run });
      const images = await ctx.files.openImages(paths, rule, { signal: mcpReq.signal });
      try {
        if (dry_run) {
          const wouldSend = await shopee.describeUpload({ images, scene, ratio });
          const summary = [
            `Dry run: nothing was sent. All ${images.length} file(s) passed the checks; the upload would be:`,
            ...describeRequest(wouldSend),
            ...images.flatMap(describePrepared),
            'Timestamp and signature are added when it is sent. Call again without dry_run to upload.',
          ].join('\n');
          const structured = {
            dry_run: true as const,
            request_id: '',
            images: images.map((image) => ({ path: image.path, ...preparedField(image) })),
            would_send: wouldSend,
          };
          return toolResult(outputSchema, structured, summary);
        }
        const upload = await shopee.uploadImages({
          images,
          scene,
          ratio,
          signal: mcpReq.signal,
          onProgress: progressReporter(mcpReq, `Uploading ${images.length} image(s) to Shopee`),
        });
        const failedAll = upload.images.every((image) => image.imageId === undefined);
        const summary = [summarize(upload), ...images.flatMap(describePrepared)].join('\n');
        return toolResult(outputSchema, toWire(upload, images), summary, failedAll);
      } finally {
        await closeAll(images);
      }
    },
  );
}
