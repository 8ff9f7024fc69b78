import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ToolContext } from '../platforms/platform.js';
import type { TracePassClient } from '../platforms/tracepass/client.js';
import { MAX_IMAGES_PER_PRODUCT } from '../platforms/tracepass/limits.js';
import { toolResult } from './result.js';
import { imageUrls, productId } from './schemas.js';

const inputSchema = z.object({ product_id: productId });

const outputSchema = z.object({
  product_id: z.string(),
  image_urls: imageUrls,
  count: z.number().int().min(0).describe('How many images the product has'),
  room_left: z.number().int().describe(`How many more it can take (${MAX_IMAGES_PER_PRODUCT} at most)`),
});

export function registerTracePassListImages(server: McpServer, ctx: ToolContext<TracePassClient>): void {
  server.registerTool(
    'tracepass_list_images',
    {
      title: "List a TracePass product's images",
      description:
        "Read a TracePass product's image URLs in order (index 0 first) and how many more it can take. " +
        'Read-only: one GET. Use it before a delete, to pick index and expected_url.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    async ({ product_id }, { mcpReq }) => {
      const product = await (await ctx.client()).getProduct(product_id, mcpReq.signal);
      const count = product.imageUrls.length;
      const roomLeft = Math.max(0, MAX_IMAGES_PER_PRODUCT - count);
      const lines = product.imageUrls.map((url, index) => `${index}: ${url}`);
      return toolResult(
        outputSchema,
        { product_id, image_urls: product.imageUrls, count, room_left: roomLeft },
        [`Product ${product_id} has ${count} image(s); room for ${roomLeft} more.`, ...lines].join('\n'),
      );
    },
  );
}
