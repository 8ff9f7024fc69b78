import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { closeAll } from '../files/index.js';
import type { ShopeeClient, ShopeeUpload } from '../platforms/shopee/client.js';
import { MAX_IMAGES_PER_CALL, SHOPEE_IMAGE_RULE } from '../platforms/shopee/limits.js';
import type { ToolContext } from '../platforms/platform.js';
import { describeRequest, dryRunInput, dryRunOutput } from './dry-run.js';
import { progressReporter } from './progress.js';
import { toolResult } from './result.js';
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
      }),
    )
    .describe('One entry per path, in input order'),
  ...dryRunOutput,
});

/** The domain result in the wire's snake_case. */
const toWire = (upload: ShopeeUpload): z.input<typeof outputSchema> => ({
  request_id: upload.requestId,
  ...(upload.warning ? { warning: upload.warning } : {}),
  images: upload.images.map(({ path, imageId, imageUrls, error, message }) => ({
    path,
    ...(imageId !== undefined ? { image_id: imageId } : {}),
    ...(imageUrls
      ? { image_url_list: imageUrls.map((u) => ({ image_url_region: u.region, image_url: u.url })) }
      : {}),
    ...(error !== undefined ? { error, message: message ?? '' } : {}),
  })),
});

function summarize(upload: ShopeeUpload): string {
  const uploaded = upload.images.filter((image) => image.imageId !== undefined);
  return [
    `Uploaded ${uploaded.length} of ${upload.images.length} image(s) to Shopee (request_id ${upload.requestId || 'none'}).`,
    ...upload.images.map((image) =>
      image.imageId
        ? `- ${image.path} → image_id ${image.imageId}`
        : `- ${image.path} failed: ${image.error} ${image.message ?? ''}`.trim(),
    ),
    ...(upload.warning ? [`Warning from Shopee: ${JSON.stringify(upload.warning)}`] : []),
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
        'batch. dry_run: check and describe, send nothing.',
      inputSchema,
      outputSchema,
      annotations: { openWorldHint: true, destructiveHint: false },
    },
    async ({ paths, scene, ratio, dry_run }, { mcpReq }) => {
      const shopee = await ctx.client();
      const images = await ctx.files.openImages(paths, SHOPEE_IMAGE_RULE, { signal: mcpReq.signal });
      try {
        if (dry_run) {
          const wouldSend = await shopee.describeUpload({ images, scene, ratio });
          const summary = [
            `Dry run: nothing was sent. All ${images.length} file(s) passed the checks; the upload would be:`,
            ...describeRequest(wouldSend),
            'Timestamp and signature are added when it is sent. Call again without dry_run to upload.',
          ].join('\n');
          const structured = {
            dry_run: true as const,
            request_id: '',
            images: paths.map((path) => ({ path })),
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
        return toolResult(outputSchema, toWire(upload), summarize(upload), failedAll);
      } finally {
        await closeAll(images);
      }
    },
  );
}
