import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ToolContext } from '../platforms/platform.js';
import type { TracePassClient } from '../platforms/tracepass/client.js';
import { MAX_IMAGES_PER_PRODUCT, TRACEPASS_IMAGE_RULE } from '../platforms/tracepass/limits.js';
import { planUpload } from '../platforms/tracepass/plan.js';
import { uploadImageOnce } from '../platforms/tracepass/upload-once.js';
import { describeRequest, dryRunInput, dryRunOutput } from './dry-run.js';
import { progressReporter } from './progress.js';
import { toolResult } from './result.js';
import { imagePath, imageUrls, megabytes, productId } from './schemas.js';

const MB = megabytes(TRACEPASS_IMAGE_RULE.maxBytes);

const inputSchema = z.object({
  product_id: productId,
  path: imagePath(`PNG/JPEG/WebP ≤ ${MB} MB`),
  dry_run: dryRunInput,
});

const outputSchema = z.object({
  image_url: z.string().describe('Public URL of the new image; empty in a dry run'),
  image_urls: imageUrls,
  index: z
    .number()
    .int()
    .min(0)
    .max(MAX_IMAGES_PER_PRODUCT - 1)
    .describe("The new image's zero-based position in image_urls"),
  ...dryRunOutput,
});

export function registerTracePassUploadImage(server: McpServer, ctx: ToolContext<TracePassClient>): void {
  server.registerTool(
    'tracepass_upload_image',
    {
      title: 'Upload an image to a TracePass product',
      description:
        `Add one local PNG/JPEG/WebP image (≤ ${MB} MB) to a TracePass product (${MAX_IMAGES_PER_PRODUCT} images at most); returns ` +
        'its URL and index. Safe to retry: one call never adds the image twice. dry_run: check the file and ' +
        'the product, send nothing.',
      inputSchema,
      outputSchema,
      annotations: { openWorldHint: true, destructiveHint: false },
    },
    async ({ product_id, path, dry_run }, { mcpReq }) => {
      const tracepass = await ctx.client();
      const [image] = await ctx.files.openImages([path], TRACEPASS_IMAGE_RULE, { signal: mcpReq.signal });
      if (!image) throw new Error('No file was opened.');
      try {
        if (dry_run) {
          const plan = await planUpload(tracepass, product_id, image, mcpReq.signal);
          const summary = [
            `Dry run: nothing was sent. Product ${product_id} has ${plan.imageUrls.length} image(s); ` +
              `${path} would become image ${plan.index} (${plan.index + 1} of ${MAX_IMAGES_PER_PRODUCT}). The upload would be:`,
            ...describeRequest(plan.wouldSend),
            'Call again without dry_run to upload.',
          ].join('\n');
          const structured = {
            dry_run: true as const,
            image_url: '',
            image_urls: plan.imageUrls,
            index: plan.index,
            would_send: plan.wouldSend,
          };
          return toolResult(outputSchema, structured, summary);
        }
        const result = await uploadImageOnce(tracepass, product_id, image, {
          signal: mcpReq.signal,
          onProgress: progressReporter(mcpReq, `Uploading ${image.fileName} to TracePass`),
          logger: ctx.logger,
        });
        return toolResult(
          outputSchema,
          { image_url: result.imageUrl, image_urls: result.imageUrls, index: result.index },
          `Uploaded ${path} to TracePass product ${product_id} as image ${result.index} ` +
            `(${result.imageUrls.length} of ${MAX_IMAGES_PER_PRODUCT}): ${result.imageUrl}`,
        );
      } finally {
        await image.close();
      }
    },
  );
}
