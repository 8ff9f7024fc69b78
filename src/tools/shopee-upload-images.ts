import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { closeAll } from '../files/index.js';
import { SHOPEE_IMAGE_RULE } from '../platforms/shopee/limits.js';
import { configured, type ToolDeps } from './deps.js';
import { progressReporter } from './progress.js';
import { toolResult } from './result.js';
import { imagePath } from './schemas.js';

const inputSchema = {
  paths: z
    .array(imagePath('JPEG or PNG image of at most 10 MB'))
    .min(1, 'give at least one image path')
    .max(8, 'Shopee takes at most 8 images per call: split the batch')
    .describe('1–8 images, sent in one call; results come back in this order'),
  scene: z
    .enum(['normal', 'desc'])
    .optional()
    .describe(
      "'normal' (default): processed as a square item image; 'desc': left as is, for extended descriptions",
    ),
  ratio: z
    .enum(['1:1', '3:4'])
    .optional()
    .describe("Aspect ratio; '1:1' by default, '3:4' for whitelisted sellers only"),
};

const outputSchema = {
  request_id: z.string().describe("Shopee's request id, for support"),
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
};

export function registerShopeeUploadImages(server: McpServer, deps: ToolDeps): void {
  server.registerTool(
    'shopee_upload_images',
    {
      title: 'Upload images to Shopee',
      description:
        "Upload 1–8 local JPEG/PNG images (≤ 10 MB each) to Shopee's media space in one call. " +
        'Returns an image_id per image for item APIs. All files are checked before anything is sent.',
      inputSchema,
      outputSchema,
      annotations: { openWorldHint: true, destructiveHint: false },
    },
    async ({ paths, scene, ratio }, extra) => {
      const shopee = configured(deps.shopee);
      const images = await deps.files.openImages(paths, SHOPEE_IMAGE_RULE);
      try {
        const result = await shopee.uploadImages({
          images,
          scene,
          ratio,
          signal: extra.signal,
          onProgress: progressReporter(extra, `Uploading ${images.length} image(s) to Shopee`),
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
        ].join('\n');
        return toolResult(result, summary, uploaded.length === 0);
      } finally {
        await closeAll(images);
      }
    },
  );
}
