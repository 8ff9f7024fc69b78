import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Logger } from '../logging.js';
import { UpstreamError, type Platform } from './errors.js';

export interface HttpRequest {
  platform: Platform;
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  headers?: Record<string, string>;
  body?: { contentType: string; length: number; stream: Readable };
  signal?: AbortSignal;
  /** Extra values to scrub from errors and logs for this request (a signature, a token). */
  secrets?: readonly string[];
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body when it is JSON; undefined otherwise. */
  json: unknown;
}

/** Sends one request and reads the whole (small) answer. The only function that touches the network. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export interface TransportOptions {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  /** An undici dispatcher (Agent, MockAgent, ProxyAgent); by default one keep-alive Agent is shared. */
  dispatcher?: Dispatcher;
  logger?: Logger;
}

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

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The platform's reason when an answer is a failure, '' when it failed without one, undefined when it
 * succeeded. Both platforms put their reason in a JSON `error` field; Shopee may do so with HTTP 200.
 */
function refusalOf(status: number, json: unknown): string | undefined {
  const said = (json as { error?: unknown } | undefined)?.error;
  if (typeof said === 'string' && said !== '') return said;
  return status >= 400 ? '' : undefined;
}

export function createTransport(options: TransportOptions): Transport {
  let dispatcher: Promise<{ request: typeof import('undici').request; dispatcher: Dispatcher }> | undefined;
  // undici is loaded on the first request, not at start-up: clients time the server's initialize.
  const load = () =>
    (dispatcher ??= import('undici').then((undici) => ({
      request: undici.request,
      dispatcher:
        options.dispatcher ??
        new undici.Agent({
          connect: { timeout: options.connectTimeoutMs },
          headersTimeout: options.requestTimeoutMs,
          bodyTimeout: options.requestTimeoutMs,
          keepAliveTimeout: 30_000,
        }),
    })));

  return async (req) => {
    const { request, dispatcher } = await load();
    const timeout = AbortSignal.timeout(options.requestTimeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const where = `${req.method} ${req.url.host}${req.url.pathname}`;
    const started = performance.now();
    try {
      const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
      if (req.body) {
        headers['content-type'] = req.body.contentType;
        headers['content-length'] = String(req.body.length);
      }
      const res = await request(req.url, {
        method: req.method,
        headers,
        body: req.body?.stream,
        signal,
        dispatcher,
      });
      const text = await res.body.text();
      const json = parseJson(text);
      const requestId =
        (json as { request_id?: unknown } | undefined)?.request_id ??
        res.headers['x-request-id'] ??
        undefined;
      const refusal = refusalOf(res.statusCode, json);
      options.logger?.log(
        refusal === undefined ? 'debug' : 'error',
        `${where} → ${res.statusCode}${refusal ? ` ${refusal}` : ''}`,
        {
          platform: req.platform,
          method: req.method,
          host: req.url.host,
          path: req.url.pathname,
          status: res.statusCode,
          duration_ms: Math.round(performance.now() - started),
          ...(requestId === undefined ? {} : { request_id: String(requestId) }),
          ...(refusal ? { error: refusal } : {}),
        },
      );
      return { status: res.statusCode, headers: res.headers, text, json };
    } catch (error) {
      req.body?.stream.destroy();
      const failure = toUpstreamError(
        error,
        req,
        { cancelled: req.signal?.aborted ?? false, timedOut: timeout.aborted },
        options,
      );
      options.logger?.log('error', failure.message, {
        platform: req.platform,
        method: req.method,
        host: req.url.host,
        path: req.url.pathname,
        duration_ms: Math.round(performance.now() - started),
      });
      throw failure;
    }
  };
}

function toUpstreamError(
  error: unknown,
  req: HttpRequest,
  state: { cancelled: boolean; timedOut: boolean },
  options: TransportOptions,
): Error {
  // A file that changed under us is the caller's error, with its own message.
  if (error instanceof Error && error.name === 'FileRefusal') return error;
  if (error instanceof Error && error.cause instanceof Error && error.cause.name === 'FileRefusal')
    return error.cause;
  const base = { platform: req.platform, cause: error, secrets: req.secrets };
  const host = req.url.host;
  if (state.cancelled) {
    return new UpstreamError({
      ...base,
      kind: 'cancelled',
      message: `The request to ${req.platform} was cancelled.`,
    });
  }
  const code = errorCode(error);
  if (state.timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new UpstreamError({
      ...base,
      kind: 'timeout',
      message:
        `${req.platform} (${host}) did not answer within ${options.requestTimeoutMs / 1000} s. ` +
        'Try again; for slow links raise UPLOAD_TIMEOUT_MS in the server environment.',
    });
  }
  const variable = req.platform === 'Shopee' ? 'SHOPEE_BASE_URL / SHOPEE_REGION' : 'TRACEPASS_BASE_URL';
  if (code !== undefined && UNREACHABLE.has(code)) {
    const slow = code === 'UND_ERR_CONNECT_TIMEOUT';
    const within = slow ? ` within ${options.connectTimeoutMs / 1000} s` : '';
    const raise = slow ? '; for slow links raise CONNECT_TIMEOUT_MS in the server environment' : '';
    return new UpstreamError({
      ...base,
      kind: 'unreachable',
      message: `Could not connect to ${req.platform} at ${host}${within} (${code}). Check ${variable} and the network connection${raise}.`,
    });
  }
  return new UpstreamError({
    ...base,
    kind: 'network',
    message:
      `The connection to ${req.platform} at ${host} broke before it answered (${code ?? (error as Error).message}). ` +
      'Try again in a moment.',
  });
}
