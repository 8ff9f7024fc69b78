import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ToolContext } from '../platforms/platform.js';
import type { TracePassClient } from '../platforms/tracepass/client.js';
import { uploadExactlyOnce } from '../platforms/tracepass/exactly-once.js';
import { MAX_IMAGES_PER_PRODUCT, TRACEPASS_IMAGE_RULE } from '../platforms/tracepass/limits.js';
import { planUpload } from '../platforms/tracepass/plan.js';
import { dryRunInput, dryRunOutput } from './dry-run.js';
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
import { imagePath, imageUrls, megabytes, productId } from './schemas.js';
import { dryRunSummary, uploadSummary } from './tracepass-upload-summary.js';

const MB = megabytes(TRACEPASS_IMAGE_RULE.maxBytes);

const inputSchema = z.object({
  product_id: productId,
  path: imagePath(`PNG/JPEG/WebP ≤ ${MB} MB`),
  fit: fitInput,
  strip_metadata: stripInput,
  allow_duplicate: z
    .boolean({ error: 'allow_duplicate must be true or false (or left out)' })
    .optional()
    .describe('Upload even if these exact bytes were already uploaded to this product and are still on it'),
  dry_run: dryRunInput,
});

const outputSchema = z.object({
  image_url: z.string().describe('Public URL of the image; empty in a dry run that would upload'),
  image_urls: imageUrls,
  index: z
    .number()
    .int()
    .min(0)
    .max(MAX_IMAGES_PER_PRODUCT - 1)
    .describe("The new image's zero-based position in image_urls"),
  prepared: preparedOutput,
  already_uploaded: z
    .boolean()
    .optional()
    .describe(
      'True when nothing was sent: the same bytes were uploaded to this product before and are still there',
    ),
  ...dryRunOutput,
});

export function registerTracePassUploadImage(server: McpServer, ctx: ToolContext<TracePassClient>): void {
  server.registerTool(
    'tracepass_upload_image',
    {
      title: 'Upload an image to a TracePass product',
      description:
        `Add one local PNG/JPEG/WebP image (≤ ${MB} MB) to a TracePass product (${MAX_IMAGES_PER_PRODUCT} images at most); returns ` +
        'its URL and index. Safe to retry, across calls too: the same bytes already on the product are not sent ' +
        'again (already_uploaded: true) unless allow_duplicate is true. Metadata (GPS…) is removed unless ' +
        'strip_metadata is false; fit prepares images TracePass would refuse. dry_run: check the file and ' +
        'the product, send nothing.',
      inputSchema,
      outputSchema,
      annotations: { openWorldHint: true, destructiveHint: false },
    },
    async ({ product_id, path, fit, strip_metadata, allow_duplicate, dry_run }, { mcpReq }) => {
      const tracepass = await ctx.client();
      const ledger = await ctx.ledger();
      const rule = withPreparation(TRACEPASS_IMAGE_RULE, { fit, strip_metadata, dry_run });
      const [image] = await ctx.files.openImages([path], rule, { signal: mcpReq.signal });
      if (!image) throw new Error('No file was opened.');
      try {
        if (dry_run) {
          const plan = await planUpload(tracepass, product_id, image, {
            ledger: allow_duplicate ? undefined : ledger,
            signal: mcpReq.signal,
          });
          const structured = plan.alreadyUploaded
            ? { image_url: plan.imageUrl, already_uploaded: true }
            : { image_url: '', would_send: plan.wouldSend };
          return toolResult(
            outputSchema,
            {
              dry_run: true as const,
              image_urls: plan.imageUrls,
              index: plan.index,
              ...structured,
              ...preparedField(image),
            },
            [dryRunSummary(path, product_id, plan), ...describePrepared(image)].join('\n'),
          );
        }
        const result = await uploadExactlyOnce(tracepass, ledger, product_id, image, {
          allowDuplicate: allow_duplicate,
          signal: mcpReq.signal,
          onProgress: progressReporter(mcpReq, `Uploading ${image.fileName} to TracePass`),
          logger: ctx.logger,
        });
        return toolResult(
          outputSchema,
          {
            image_url: result.imageUrl,
            image_urls: result.imageUrls,
            index: result.index,
            ...(result.alreadyUploaded ? { already_uploaded: true } : {}),
            ...preparedField(image),
          },
          [uploadSummary(path, product_id, result), ...describePrepared(image)].join('\n'),
        );
      } finally {
        await image.close();
      }
    },
  );
}
