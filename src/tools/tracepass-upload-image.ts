import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { TRACEPASS_IMAGE_RULE } from '../platforms/tracepass/limits.js';
import { configured, type ToolDeps } from './deps.js';
import { describeRequest, dryRunInput, dryRunOutput } from './dry-run.js';
import { progressReporter } from './progress.js';
import { toolResult } from './result.js';
import { imagePath, imageUrls, productId } from './schemas.js';

const inputSchema = z.object({
  product_id: productId,
  path: imagePath('PNG/JPEG/WebP ≤ 5 MB'),
  dry_run: dryRunInput,
});

const outputSchema = z.object({
  image_url: z.string().describe('Public URL of the new image; empty in a dry run'),
  image_urls: imageUrls,
  index: z.number().int().min(0).max(19).describe("The new image's zero-based position in image_urls"),
  ...dryRunOutput,
});

export function registerTracePassUploadImage(server: McpServer, deps: ToolDeps): void {
  server.registerTool(
    'tracepass_upload_image',
    {
      title: 'Upload an image to a TracePass product',
      description:
        'Add one local PNG/JPEG/WebP image (≤ 5 MB) to a TracePass product (20 images at most); returns ' +
        'its URL and index. Safe to retry: one call never adds the image twice. dry_run: check the file and ' +
        'the product, send nothing.',
      inputSchema,
      outputSchema,
      annotations: { openWorldHint: true, destructiveHint: false },
    },
    async ({ product_id, path, dry_run }, ctx) => {
      const tracepass = configured(deps.tracepass);
      const [image] = await deps.files.openImages([path], TRACEPASS_IMAGE_RULE);
      if (!image) throw new Error('No file was opened.');
      try {
        // The protocols load on first use, like the platform clients: start-up only needs the schemas.
        if (dry_run) {
          const { planUpload } = await import('../platforms/tracepass/plan.js');
          const plan = await planUpload(tracepass, product_id, image, ctx.mcpReq.signal);
          const summary = [
            `Dry run: nothing was sent. Product ${product_id} has ${plan.image_urls.length} image(s); ` +
              `${path} would become image ${plan.index} (${plan.index + 1} of 20). The upload would be:`,
            ...describeRequest(plan.would_send),
            'Call again without dry_run to upload.',
          ].join('\n');
          return toolResult({ dry_run: true, image_url: '', ...plan }, summary);
        }
        const { uploadImageOnce } = await import('../platforms/tracepass/upload-once.js');
        const result = await uploadImageOnce(tracepass, product_id, image, {
          signal: ctx.mcpReq.signal,
          onProgress: progressReporter(ctx, `Uploading ${image.fileName} to TracePass`),
          logger: deps.logger,
          policy: deps.policies.tracepassUpload,
        });
        return toolResult(
          result,
          `Uploaded ${path} to TracePass product ${product_id} as image ${result.index} ` +
            `(${result.image_urls.length} of 20): ${result.image_url}`,
        );
      } finally {
        await image.close();
      }
    },
  );
}
