import { UpstreamError } from '../../http/errors.js';
import type { HttpResponse } from '../../http/transport.js';

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

function advice(status: number, ctx: CallContext, now: number): string {
  switch (status) {
    case 400:
      return `Check the request: product_id must be 24 hex characters and the image a PNG, JPEG or WebP file.`;
    case 401:
      return 'TracePass rejected the API key: check TRACEPASS_API_KEY (a tp_… key from Developer → API Keys, or a valid OAuth access token).';
    case 403:
      return 'The key is not allowed to do this: use a key with write access to products (scope products:write) of the company that owns the product.';
    case 404:
      // No product in the call (the doctor's list) means the address itself is wrong.
      return ctx.productId
        ? `TracePass has no product ${ctx.productId} for this key: check product_id. If every product answers this, check TRACEPASS_BASE_URL.`
        : 'There is no TracePass API at this address: check TRACEPASS_BASE_URL (by default https://app.tracepass.eu).';
    case 413:
      return 'The image is too large: TracePass accepts at most 5 MB (5,242,880 bytes). Resize or recompress it.';
    case 415:
      return 'TracePass accepts only PNG, JPEG or WebP images. Convert the file first.';
    case 422:
      return 'The product already has 20 images (the maximum). Remove one with tracepass_delete_image first.';
    case 429:
      return `TracePass's daily API budget is used up; it resets at 00:00 UTC (in ${untilUtcMidnight(now)}). Try again after that; retrying now will not help.`;
    default:
      return status >= 500
        ? 'TracePass had a server problem. Try again in a few minutes.'
        : 'Check the request and try again.';
  }
}

/** Turns a TracePass failure answer (`{ "error": "…" }`, or an HTML page from a gateway) into an UpstreamError. */
export function tracepassFailure(
  res: HttpResponse,
  ctx: CallContext,
  secrets: readonly string[],
  now: number = Date.now(),
): UpstreamError {
  const said = (res.json as { error?: unknown } | undefined)?.error;
  const detail =
    typeof said === 'string' && said !== ''
      ? said
      : /^\s*</.test(res.text)
        ? 'an HTML error page from a gateway'
        : 'no error message';
  return new UpstreamError({
    platform: 'TracePass',
    kind: 'http',
    status: res.status,
    code: typeof said === 'string' ? said : undefined,
    message: `TracePass could not ${ctx.action} (HTTP ${res.status}: ${detail}). ${advice(res.status, ctx, now)}`,
    secrets,
  });
}

export function unexpectedAnswer(res: HttpResponse, ctx: CallContext, expected: string): UpstreamError {
  return new UpstreamError({
    platform: 'TracePass',
    kind: 'http',
    status: res.status,
    message:
      `TracePass answered HTTP ${res.status} to "${ctx.action}" without ${expected}. ` +
      'Check that TRACEPASS_BASE_URL is the TracePass API (by default https://app.tracepass.eu, not the ' +
      'website); if it is, try again in a few minutes.',
  });
}
