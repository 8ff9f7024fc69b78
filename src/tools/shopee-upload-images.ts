import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { closeAll } from '../files/index.js';
import { SHOPEE_IMAGE_RULE } from '../platforms/shopee/limits.js';
import { configured, type ToolDeps } from './deps.js';
import { describeRequest, dryRunInput, dryRunOutput } from './dry-run.js';
import { progressReporter } from './progress.js';
import { toolResult } from './result.js';
import { expecting, imagePath } from './schemas.js';

const inputSchema = z.object({
  paths: z
    .array(imagePath('JPEG/PNG ≤ 10 MB'), expecting('paths', 'a list of 1–8 image paths'))
    .min(1, 'give at least one image path')
    .max(8, 'Shopee takes at most 8 images per call: split the batch')
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

export function registerShopeeUploadImages(server: McpServer, deps: ToolDeps): void {
  server.registerTool(
    'shopee_upload_images',
    {
      title: 'Upload images to Shopee',
      description:
        "Upload 1–8 local JPEG/PNG images (≤ 10 MB each) to Shopee's media space in one call; returns an " +
        'image_id per image for Shopee item APIs. All files are checked first: one bad file refuses the ' +
        'batch. dry_run: check and describe, send nothing.',
      inputSchema,
      outputSchema,
      annotations: { openWorldHint: true, destructiveHint: false },
    },
    async ({ paths, scene, ratio, dry_run }, ctx) => {
      const shopee = configured(deps.shopee);
      const images = await deps.files.openImages(paths, SHOPEE_IMAGE_RULE);
      try {
        if (dry_run) {
          const wouldSend = await shopee.describeUpload({ images, scene, ratio });
          const summary = [
            `Dry run: nothing was sent. All ${images.length} file(s) passed the checks; the upload would be:`,
            ...describeRequest(wouldSend),
            'Timestamp and signature are added when it is sent. Call again without dry_run to upload.',
          ].join('\n');
          return toolResult(
            { dry_run: true, request_id: '', images: paths.map((path) => ({ path })), would_send: wouldSend },
            summary,
          );
        }
        const result = await shopee.uploadImages({
          images,
          scene,
          ratio,
          signal: ctx.mcpReq.signal,
          onProgress: progressReporter(ctx, `Uploading ${images.length} image(s) to Shopee`),
        });
        const uploaded = result.images.filter((image) => image.image_id !== undefined);
        const lines = result.images.map((image) =>
          image.image_id
            ? `- ${image.path} → image_id ${image.image_id}`
            : `- ${image.path} failed: ${image.error} ${image.message ?? ''}`.trim(),
        );
        const summary = [
          `Uploaded ${uploaded.length} of ${images.length} image(s) to Shopee (request_id ${result.request_id || 'none'}).`,
          ...lines,
          ...(result.warning ? [`Warning from Shopee: ${result.warning}`] : []),
          ...(uploaded.length < images.length
            ? [
                'Send the failed image(s) again in a new call; if one fails again, check that file ' +
                  '(a JPEG or PNG of at most 10 MB that opens in an image viewer).',
              ]
            : []),
        ].join('\n');
        return toolResult(result, summary, uploaded.length === 0);
      } finally {
        await closeAll(images);
      }
    },
  );
}
