import { AnswerTooLarge } from './answer.js';
import { UpstreamError } from './errors.js';
import type { HttpRequest } from './transport.js';
import type { Redactor } from '../redact.js';

// Errors raised before any byte of the request can have reached the server.
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

interface FailureState {
  cancelled: boolean;
  timedOut: boolean;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  redact: Redactor;
}

/** What a thrown request means, for the agent: every failure below the answer becomes an UpstreamError. */
export function toUpstreamError(error: unknown, req: HttpRequest, state: FailureState): Error {
  // A file that changed under us is the caller's error, with its own message.
  if (error instanceof Error && error.name === 'FileRefusal') return error;
  if (error instanceof Error && error.cause instanceof Error && error.cause.name === 'FileRefusal')
    return error.cause;
  const { label, addressVariables } = req.service;
  const base = { platform: label, cause: error };
  const host = req.url.host;
  if (state.cancelled) {
    return new UpstreamError({
      ...base,
      kind: 'cancelled',
      detail: `The request to ${label} was cancelled.`,
      fix: 'Call the tool again to retry.',
    });
  }
  if (error instanceof AnswerTooLarge) {
    return new UpstreamError({
      ...base,
      kind: 'oversize',
      detail: `${label} (${host}) answered with ${error.message}, far more than any real answer, so it was not read.`,
      fix: `Check ${addressVariables}: it may point at something other than the ${label} API.`,
    });
  }
  const code = errorCode(error);
  if (state.timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new UpstreamError({
      ...base,
      kind: 'timeout',
      detail: `${label} (${host}) did not answer within ${state.requestTimeoutMs / 1000} s.`,
      fix: 'Try again; for slow links raise UPLOAD_TIMEOUT_MS in the server environment.',
    });
  }
  if (code !== undefined && UNREACHABLE.has(code)) {
    const slow = code === 'UND_ERR_CONNECT_TIMEOUT';
    return new UpstreamError({
      ...base,
      kind: 'unreachable',
      detail: `Could not connect to ${label} at ${host}${slow ? ` within ${state.connectTimeoutMs / 1000} s` : ''} (${code}).`,
      fix:
        `Check ${addressVariables} and the network connection` +
        (slow ? '; for slow links raise CONNECT_TIMEOUT_MS in the server environment.' : '.'),
    });
  }
  return new UpstreamError({
    ...base,
    kind: 'network',
    detail: `The connection to ${label} at ${host} broke before it answered (${state.redact(code ?? (error as Error).message)}).`,
    fix: 'Try again in a moment.',
  });
}
