import { LABEL } from '../files/sniff.js';
import { BodyRefusal } from './body.js';
import { SourceError, showUrl } from './errors.js';
import { AddressRefusal } from './guard.js';
import { addressError } from './url.js';

const ELSEWHERE = 'or put the file in an allowed folder and give its path';
const count = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Where a download stood when it failed: what the failure text needs to say what happened. */
export interface DownloadState {
  given: URL;
  /** The hop being fetched: `given`, or where a redirect led. */
  current: URL;
  maxBytes: number;
  timeoutMs: number;
  idleTimeoutMs: number;
  cancelled: () => boolean;
  timedOut: () => boolean;
}

/** `declared`: the Content-Length, when the server announced one; else the cap was hit while counting. */
export function tooLarge(state: DownloadState, declared?: number): SourceError {
  const size =
    declared === undefined
      ? 'larger than the limit of'
      : `${count(declared)} bytes (its Content-Length), over the limit of`;
  return new SourceError({
    kind: 'too-large',
    url: showUrl(state.given),
    reason: `it is ${size} ${count(state.maxBytes)} bytes`,
    fix: `Give a smaller image, ${ELSEWHERE}.`,
  });
}

export function httpStatus(state: DownloadState, status: number): SourceError {
  const fix =
    status === 401 || status === 403
      ? `The image is not public: give a public URL, ${ELSEWHERE}.`
      : status === 429 || status >= 500
        ? `The server is busy or failing: try again later, ${ELSEWHERE}.`
        : `Check the URL, ${ELSEWHERE}.`;
  return new SourceError({
    kind: 'http',
    url: showUrl(state.given),
    reason: `${showUrl(state.current)} answered HTTP ${status}`,
    fix,
  });
}

export function tooManyRedirects(state: DownloadState, limit: number): SourceError {
  return new SourceError({
    kind: 'redirect',
    url: showUrl(state.given),
    reason: `it redirects more than ${limit} times (the last hop was ${showUrl(state.current)})`,
    fix: `Give the image's final address, ${ELSEWHERE}.`,
  });
}

const IDLE_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const NAME_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const TLS_CODE = /^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/;

/** The first `code` along the error's cause chain (undici wraps socket errors). */
function codeOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function findCause<T>(error: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof type) return e;
  }
  return undefined;
}

function networkReason(code: string | undefined, host: string): string {
  if (code && NAME_CODES.has(code)) return `the host name ${host} does not resolve (${code})`;
  if (code && TLS_CODE.test(code))
    return `the TLS certificate of ${host} is not valid for it or not trusted (${code})`;
  if (code === 'ECONNREFUSED') return `${host} refused the connection`;
  return `the connection to ${host} failed${code ? ` (${code})` : ''}`;
}

/** Any failure of a download as the one SourceError, named for what happened and what to do. */
export function toSourceError(error: unknown, state: DownloadState): SourceError {
  if (error instanceof SourceError) return error;
  const url = showUrl(state.given);
  const hop = state.current === state.given ? undefined : state.current;
  const refusal = findCause(error, AddressRefusal);
  if (refusal) return addressError(state.given, refusal, hop);
  const body = findCause(error, BodyRefusal);
  if (body?.kind === 'too-large') return tooLarge(state);
  if (body?.kind === 'not-image') {
    return new SourceError({
      kind: 'not-image',
      url,
      reason: `its content is not a ${Object.values(LABEL).join(', ')} image (read from its first bytes)`,
      fix: `Give the URL of the image file itself, not of a web page about it, ${ELSEWHERE}.`,
    });
  }
  if (state.cancelled()) {
    return new SourceError({
      kind: 'cancelled',
      url,
      reason: 'the download was cancelled',
      fix: 'Call again to retry.',
      cause: error,
    });
  }
  const code = codeOf(error);
  if (state.timedOut() || (code && IDLE_CODES.has(code))) {
    const reason = state.timedOut()
      ? `it did not finish downloading within ${seconds(state.timeoutMs)}`
      : `${state.current.host} sent nothing for ${seconds(state.idleTimeoutMs)}`;
    return new SourceError({
      kind: 'timeout',
      url,
      reason,
      fix: `Try again later, ${ELSEWHERE}.`,
      cause: error,
    });
  }
  return new SourceError({
    kind: 'network',
    url,
    reason: networkReason(code, state.current.host),
    fix: `Check the URL and try again, ${ELSEWHERE}.`,
    cause: error,
  });
}
