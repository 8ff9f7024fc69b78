import { z } from 'zod';
import { quote, UpstreamError } from '../../http/errors.js';
import type { AnswerReader, HttpResponse } from '../../http/transport.js';
import { MAX_IMAGES_PER_PRODUCT, TRACEPASS_IMAGE_RULE } from './limits.js';

const ImageUrls = z.array(z.string());

/** A product, whether TracePass wraps it in `data` or `product` or not. */
const ProductAnswer = z.union([
  z.object({ imageUrls: ImageUrls }),
  z.object({ data: z.object({ imageUrls: ImageUrls }) }).transform((a) => a.data),
  z.object({ product: z.object({ imageUrls: ImageUrls }) }).transform((a) => a.product),
]);

/** The upload answer: the new image's URL and the product's list after it. */
const UploadAnswer = z.object({ imageUrl: z.string() }).and(ProductAnswer);

const ErrorAnswer = z.object({ error: z.string() });

/** The image list of a product answer, or undefined when the answer has none. */
export const imageUrlsOf = (json: unknown): string[] | undefined =>
  ProductAnswer.safeParse(json).data?.imageUrls;

export const uploadedOf = (json: unknown) => {
  const parsed = UploadAnswer.safeParse(json).data;
  return parsed && { imageUrl: parsed.imageUrl, imageUrls: parsed.imageUrls };
};

/** TracePass says no with an HTTP status and `{ "error": "…" }`. */
export const TRACEPASS_ANSWERS: AnswerReader = {
  refusal: (status, json) => (status >= 400 ? (ErrorAnswer.safeParse(json).data?.error ?? '') : undefined),
  requestId: (_json, headers) => {
    const id = headers['x-request-id'];
    return typeof id === 'string' ? id : undefined;
  },
};

export interface CallContext {
  productId: string;
  /** e.g. "upload the image" — used in messages. */
  action: string;
}

/** Time until 00:00 UTC, when TracePass's daily budget resets. */
export function untilUtcMidnight(nowMs: number): string {
  const next = new Date(nowMs);
  next.setUTCHours(24, 0, 0, 0);
  const minutes = Math.ceil((next.getTime() - nowMs) / 60_000);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const MB = TRACEPASS_IMAGE_RULE.maxBytes / 1024 / 1024;

function advice(status: number, ctx: CallContext, now: number): string {
  switch (status) {
    case 400:
      return 'Check the request: product_id must be 24 hex characters and the image a PNG, JPEG or WebP file.';
    case 401:
      return 'TracePass rejected the API key: check TRACEPASS_API_KEY (a tp_… key from Developer → API Keys, or a valid OAuth access token).';
    case 403:
      return 'The key is not allowed to do this: use a key with write access to products (scope products:write) of the company that owns the product.';
    case 404:
      // No product in the call (doctor's list) means the address itself is wrong.
      return ctx.productId
        ? `TracePass has no product ${ctx.productId} for this key: check product_id. If every product answers this, check TRACEPASS_BASE_URL.`
        : 'There is no TracePass API at this address: check TRACEPASS_BASE_URL (by default https://app.tracepass.eu).';
    case 413:
      return `The image is too large: TracePass accepts at most ${MB} MB (${TRACEPASS_IMAGE_RULE.maxBytes.toLocaleString('en-US')} bytes). Resize or recompress it.`;
    case 415:
      return 'TracePass accepts only PNG, JPEG or WebP images. Convert the file first.';
    case 422:
      return `The product already has ${MAX_IMAGES_PER_PRODUCT} images (the maximum). Remove one with tracepass_delete_image first.`;
    case 429:
      return `TracePass's daily API budget is used up; it resets at 00:00 UTC (in ${untilUtcMidnight(now)}). Try again after that; retrying now will not help.`;
    default:
      return status >= 500
        ? 'TracePass had a server problem. Try again in a few minutes.'
        : 'Check the request and try again.';
  }
}

/** Turns a TracePass failure answer (`{ "error": "…" }`, or an HTML page from a gateway) into an UpstreamError. */
export function tracepassFailure(res: HttpResponse, ctx: CallContext, now: number): UpstreamError {
  const said = ErrorAnswer.safeParse(res.json).data?.error;
  const what = said
    ? quote(said)
    : /^\s*</.test(res.text)
      ? 'an HTML error page from a gateway'
      : 'no error message';
  return new UpstreamError({
    platform: 'TracePass',
    kind: 'http',
    status: res.status,
    code: said,
    detail: `TracePass could not ${ctx.action} (HTTP ${res.status}: ${what}).`,
    fix: advice(res.status, ctx, now),
  });
}

export function unexpectedAnswer(res: HttpResponse, ctx: CallContext, expected: string): UpstreamError {
  return new UpstreamError({
    platform: 'TracePass',
    kind: 'http',
    status: res.status,
    detail: `TracePass answered HTTP ${res.status} to "${ctx.action}" without ${expected}.`,
    fix:
      'Check that TRACEPASS_BASE_URL is the TracePass API (by default https://app.tracepass.eu, not the ' +
      'website); if it is, try again in a few minutes.',
  });
}
