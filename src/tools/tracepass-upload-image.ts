import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { TRACEPASS_IMAGE_RULE } from '../platforms/tracepass/limits.js';
import { configured, type ToolDeps } from './deps.js';
import { progressReporter } from './progress.js';
import { toolResult } from './result.js';
import { imagePath, imageUrls, productId } from './schemas.js';

const inputSchema = {
  product_id: productId,
  path: imagePath('PNG, JPEG or WebP image of at most 5 MB'),
};

const outputSchema = {
  image_url: z.string().describe('Public URL of the new image'),
  image_urls: imageUrls,
  index: z.number().int().min(0).describe("The new image's zero-based position in image_urls"),
};

export function registerTracePassUploadImage(server: McpServer, deps: ToolDeps): void {
  server.registerTool(
    'tracepass_upload_image',
    {
      title: 'Upload an image to a TracePass product',
      description:
        'Append one local PNG/JPEG/WebP image (≤ 5 MB) to a TracePass product (max 20 images). ' +
        'Safe to retry: one call never adds the image twice.',
      inputSchema,
      outputSchema,
      annotations: { openWorldHint: true, destructiveHint: false },
    },
    async ({ product_id, path }, extra) => {
      const tracepass = configured(deps.tracepass);
      const [image] = await deps.files.openImages([path], TRACEPASS_IMAGE_RULE);
      if (!image) throw new Error('No file was opened.');
      try {
        // Loaded on first use, like the platform clients: start-up only needs the schemas.
        const { uploadImageOnce } = await import('../platforms/tracepass/upload-once.js');
        const result = await uploadImageOnce(tracepass, product_id, image, {
          signal: extra.signal,
          onProgress: progressReporter(extra, `Uploading ${image.fileName} to TracePass`),
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
