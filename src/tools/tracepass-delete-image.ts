import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { MAX_IMAGES_PER_PRODUCT } from '../platforms/tracepass/limits.js';
import { configured, type ToolDeps } from './deps.js';
import { toolResult } from './result.js';
import { imageUrls, productId } from './schemas.js';

const inputSchema = {
  product_id: productId,
  index: z
    .number()
    .int('index must be a whole number')
    .min(0, 'index is zero-based: the first image is 0')
    .max(MAX_IMAGES_PER_PRODUCT - 1, `a product has at most ${MAX_IMAGES_PER_PRODUCT} images: index is 0–19`)
    .describe('Zero-based position of the image in the product’s image list'),
  expected_url: z
    .string()
    .min(1)
    .optional()
    .describe('The URL you expect at index; nothing is deleted if it differs (recommended: indices shift)'),
};

const outputSchema = {
  deleted_url: z.string().optional().describe('The URL of the image that was removed'),
  image_urls: imageUrls.describe("The product's images after the delete"),
};

export function registerTracePassDeleteImage(server: McpServer, deps: ToolDeps): void {
  server.registerTool(
    'tracepass_delete_image',
    {
      title: 'Delete an image from a TracePass product',
      description:
        'Remove one image from a TracePass product by zero-based index; later images move up one. ' +
        'Pass expected_url to make sure the right image goes. Never resent automatically.',
      inputSchema,
      outputSchema,
      annotations: { destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    async ({ product_id, index, expected_url }, extra) => {
      const tracepass = configured(deps.tracepass);
      // Loaded on first use, like the platform clients: start-up only needs the schemas.
      const { deleteImageChecked } = await import('../platforms/tracepass/delete-checked.js');
      const result = await deleteImageChecked(tracepass, product_id, index, {
        expectedUrl: expected_url,
        signal: extra.signal,
      });
      return toolResult(
        result,
        `Deleted image ${index} (${result.deleted_url ?? 'unknown URL'}) from TracePass product ${product_id}; ` +
          `${result.image_urls.length} image(s) remain.`,
      );
    },
  );
}
