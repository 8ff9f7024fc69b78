import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Logger } from '../logging.js';
import type { Redactor } from '../redact.js';
import { parseJson, readCapped } from './answer.js';
import { UpstreamError } from './errors.js';
import { toUpstreamError } from './failure.js';

/** Who is called, in words for people: the transport knows no platform but what the caller tells it. */
export interface Service {
  /** "Shopee" */
  label: string;
  /** The variables that say where it is, named when it cannot be reached: "SHOPEE_BASE_URL / SHOPEE_REGION". */
  addressVariables: string;
}

/** How a platform's answers say "no" and name themselves: told by the caller, for the log line. */
export interface AnswerReader {
  /** The platform's reason when the answer is a refusal ('' when it gives none), undefined when it is not. */
  refusal(status: number, json: unknown): string | undefined;
  requestId(json: unknown, headers: HttpResponse['headers']): string | undefined;
}

export interface HttpRequest {
  service: Service;
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  headers?: Record<string, string>;
  body?: { contentType: string; length: number; stream: Readable };
  signal?: AbortSignal;
  /** This request's own secrets (a signature), scrubbed with the configured ones. */
  secrets?: readonly string[];
  reader?: AnswerReader;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body, with every secret already scrubbed: nothing upstream said reaches anyone unredacted. */
  text: string;
  /** The parsed (scrubbed) body when it is JSON; undefined otherwise. */
  json: unknown;
}

/** One answer a platform gave, as the transport saw it: what metrics count. */
export interface UpstreamAnswer {
  platform: string;
  method: HttpRequest['method'];
  status: number;
  /** Request body bytes sent (0 without a body). */
  sentBytes: number;
  /** The platform said no, in its own way (an error field inside HTTP 200 included). */
  refused: boolean;
}

/** Sends one request and reads the whole (small) answer. The only function that touches the network. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export interface TransportOptions {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  /** Every configured secret; each request adds its own. */
  redact: Redactor;
  userAgent: string;
  /** An undici dispatcher (Agent, MockAgent); by default one keep-alive Agent is shared. */
  dispatcher?: Dispatcher;
  logger?: Logger;
  /** Told of every answer (HTTP mode counts them for /metrics). */
  onAnswer?: (answer: UpstreamAnswer) => void;
}

export function createTransport(options: TransportOptions): Transport {
  let loaded: Promise<{ request: typeof import('undici').request; dispatcher: Dispatcher }> | undefined;
  // undici is loaded on the first request, not at start-up: clients time the server's start.
  const load = () =>
    (loaded ??= import('undici').then((undici) => ({
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
    const redact = options.redact.with(req.secrets ?? []);
    const timeout = AbortSignal.timeout(options.requestTimeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const started = performance.now();
    const fields = () => ({
      platform: req.service.label,
      method: req.method,
      host: req.url.host,
      path: req.url.pathname,
      duration_ms: Math.round(performance.now() - started),
    });
    try {
      const headers: Record<string, string> = {
        accept: 'application/json',
        'user-agent': options.userAgent,
        ...req.headers,
      };
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
      const text = redact(await readCapped(res.body));
      const json = parseJson(text);
      const refusal = req.reader?.refusal(res.statusCode, json);
      const requestId = req.reader?.requestId(json, res.headers);
      options.logger?.log(
        refusal === undefined ? 'debug' : 'error',
        `${req.method} ${req.url.host}${req.url.pathname} → ${res.statusCode}${refusal ? ` ${refusal}` : ''}`,
        {
          ...fields(),
          status: res.statusCode,
          ...(requestId ? { request_id: requestId } : {}),
          ...(refusal ? { error: refusal } : {}),
        },
      );
      options.onAnswer?.({
        platform: req.service.label,
        method: req.method,
        status: res.statusCode,
        sentBytes: req.body?.length ?? 0,
        refused: refusal !== undefined,
      });
      return { status: res.statusCode, headers: res.headers, text, json };
    } catch (error) {
      req.body?.stream.destroy();
      const failure = toUpstreamError(error, req, {
        cancelled: req.signal?.aborted ?? false,
        timedOut: timeout.aborted,
        ...options,
        redact,
      });
      // A cancel is the user's choice, not a fault.
      const cancelled = failure instanceof UpstreamError && failure.kind === 'cancelled';
      options.logger?.log(cancelled ? 'info' : 'error', failure.message, fields());
      throw failure;
    }
  };
}
