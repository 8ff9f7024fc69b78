import { MAX_IMAGES_PER_PRODUCT } from '../platforms/tracepass/limits.js';
import type { ExactlyOnceOutcome } from '../platforms/tracepass/exactly-once.js';
import type { UploadPlan } from '../platforms/tracepass/plan.js';
import { describeRequest } from './dry-run.js';

/** The text summaries of tracepass_upload_image, for the model that reads them. */

const position = (index: number, count: number) => `image ${index} (${count} of ${MAX_IMAGES_PER_PRODUCT})`;

const AGAIN = 'To add it a second time anyway, call again with allow_duplicate: true.';

export function uploadSummary(path: string, productId: string, result: ExactlyOnceOutcome): string {
  const where = `${position(result.index, result.imageUrls.length)}: ${result.imageUrl}`;
  if (result.alreadyUploaded) {
    return (
      `Nothing was sent: ${path} (the same bytes) was already uploaded to TracePass product ${productId} ` +
      `and is still there as ${where}. ${AGAIN}`
    );
  }
  return `Uploaded ${path} to TracePass product ${productId} as ${where}`;
}

export function dryRunSummary(path: string, productId: string, plan: UploadPlan): string {
  const head = `Dry run: nothing was sent. Product ${productId} has ${plan.imageUrls.length} image(s); `;
  if (plan.alreadyUploaded) {
    return (
      `${head}${path} (the same bytes) was already uploaded to it and is ${position(plan.index, plan.imageUrls.length)}: ` +
      `${plan.imageUrl}. Called without dry_run, the upload would send nothing and return that image. ${AGAIN}`
    );
  }
  return [
    `${head}${path} would become image ${plan.index} (${plan.index + 1} of ${MAX_IMAGES_PER_PRODUCT}). The upload would be:`,
    ...describeRequest(plan.wouldSend),
    'Call again without dry_run to upload.',
  ].join('\n');
}
