import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ToolContext } from '../platforms/platform.js';
import type { TracePassClient } from '../platforms/tracepass/client.js';
import { deleteImageChecked } from '../platforms/tracepass/delete-checked.js';
import { MAX_IMAGES_PER_PRODUCT } from '../platforms/tracepass/limits.js';
import { planDelete } from '../platforms/tracepass/plan.js';
import { describeRequest, dryRunInput, dryRunOutputNoBody } from './dry-run.js';
import { toolResult } from './result.js';
import { expecting, imageUrls, productId } from './schemas.js';

const LAST = MAX_IMAGES_PER_PRODUCT - 1;

const inputSchema = z.object({
  product_id: productId,
  index: z
    .number(expecting('index', `the image's zero-based position, a whole number from 0 to ${LAST}`))
    .int('index must be a whole number')
    .min(0, 'index is zero-based: the first image is 0')
    .max(LAST, `a product has at most ${MAX_IMAGES_PER_PRODUCT} images: index is 0–${LAST}`)
    .describe('Zero-based position in image_urls'),
  expected_url: z
    .string(expecting('expected_url', 'a URL string from image_urls'))
    .min(1, 'expected_url cannot be empty: pass the URL from image_urls, or leave it out')
    .optional()
    .describe('URL expected at index; nothing is deleted if it differs (recommended)'),
  dry_run: dryRunInput,
});

const outputSchema = z.object({
  deleted_url: z.string().optional().describe("The removed image's URL"),
  image_urls: imageUrls.describe("The product's images after the delete (in a dry run: now)"),
  would_delete_url: z.string().optional().describe('Dry run: the URL at index'),
  ...dryRunOutputNoBody,
});

export function registerTracePassDeleteImage(server: McpServer, ctx: ToolContext<TracePassClient>): void {
  server.registerTool(
    'tracepass_delete_image',
    {
      title: 'Delete an image from a TracePass product',
      description:
        'Delete one image from a TracePass product by zero-based index; later images move up one. Pass ' +
        'expected_url (from image_urls) so only that image can go; never resent automatically. dry_run: ' +
        'show the URL at index, delete nothing.',
      inputSchema,
      outputSchema,
      annotations: { destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    async ({ product_id, index, expected_url, dry_run }, { mcpReq }) => {
      const tracepass = await ctx.client();
      const options = { expectedUrl: expected_url, signal: mcpReq.signal };
      if (dry_run) {
        const plan = await planDelete(tracepass, product_id, index, options);
        const summary = [
          `Dry run: nothing was deleted. Image ${index} of product ${product_id} is ${plan.wouldDeleteUrl}; ` +
            `deleting it would leave ${plan.imageUrls.length - 1} image(s), later ones moving up one. The request would be:`,
          ...describeRequest(plan.wouldSend),
          `Call again without dry_run, with expected_url set to that URL, to delete it.`,
        ].join('\n');
        const structured = {
          dry_run: true as const,
          image_urls: plan.imageUrls,
          would_delete_url: plan.wouldDeleteUrl,
          would_send: plan.wouldSend,
        };
        return toolResult(outputSchema, structured, summary);
      }
      const result = await deleteImageChecked(tracepass, product_id, index, options);
      return toolResult(
        outputSchema,
        { ...(result.deletedUrl ? { deleted_url: result.deletedUrl } : {}), image_urls: result.imageUrls },
        `Deleted image ${index} (${result.deletedUrl ?? 'unknown URL'}) from TracePass product ${product_id}; ` +
          `${result.imageUrls.length} image(s) remain.`,
      );
    },
  );
}
