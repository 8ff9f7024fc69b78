import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request, type Dispatcher } from 'undici';
import type { ImageType } from '../files/sniff.js';
import { saveBody } from './body.js';
import { sourceFileName } from './file-name.js';
import { httpStatus, toSourceError, tooLarge, tooManyRedirects, type DownloadState } from './failure.js';
import { guardedLookup, type AllowPrivate, type Resolver } from './guard.js';
import { parseSourceUrl, redirectTarget } from './url.js';

export const MAX_REDIRECTS = 3;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 10_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface DownloadOptions {
  /** The most bytes accepted: the platform's limit (50 MiB with `fit`). */
  maxBytes: number;
  /** URL_ALLOW_PRIVATE: `true` lets hosts resolve to loopback/private addresses. */
  allowPrivate: AllowPrivate;
  /** The whole download, redirects included. */
  timeoutMs?: number;
  /** The longest the server may stay silent (connecting, before headers, between chunks). */
  idleTimeoutMs?: number;
  /** Where the private folder for the file is made; the system's temporary folder by default. */
  tempDir?: string;
  signal?: AbortSignal;
  userAgent?: string;
  /** Injected by tests and embedders: the resolver behind the guard, and the CAs to trust instead of the system's. */
  network?: { resolve?: Resolver; ca?: string | Buffer | (string | Buffer)[] };
}

export interface DownloadedSource {
  /** The file, in a folder of its own (mode 0700) that `cleanup()` removes. */
  path: string;
  bytes: number;
  type: ImageType;
  fileName: string;
  cleanup(): Promise<void>;
}

function header(response: Dispatcher.ResponseData, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Drops a body we will not read; undici reports destroying an unread body as an error event. */
function discard(response: Dispatcher.ResponseData): void {
  response.body.on('error', () => undefined).destroy();
}

async function fetchFollowing(
  agent: Agent,
  state: DownloadState,
  options: DownloadOptions,
  signal: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  for (let redirects = 0; ; redirects++) {
    const response = await request(state.current, {
      dispatcher: agent,
      signal,
      headers: { 'user-agent': options.userAgent ?? 'catalog-upload-mcp', accept: 'image/*' },
    });
    if (!REDIRECTS.has(response.statusCode)) return response;
    discard(response);
    if (redirects === MAX_REDIRECTS) throw tooManyRedirects(state, MAX_REDIRECTS);
    state.current = redirectTarget(
      header(response, 'location'),
      state.current,
      state.given,
      options.allowPrivate,
    );
  }
}

/**
 * Downloads an `https://` image into a private temporary file. Refused before any connection: other
 * schemes, credentials in the URL, IP literals in non-public ranges. Refused while connecting: names
 * resolving to non-public addresses (at every hop). Refused while reading: over `maxBytes`, over the
 * time caps, not an image by its bytes. On any failure the file is gone and a SourceError says why.
 */
export async function downloadHttpsSource(
  input: string,
  options: DownloadOptions,
): Promise<DownloadedSource> {
  const given = parseSourceUrl(input, options.allowPrivate);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const state: DownloadState = {
    given,
    current: given,
    maxBytes: options.maxBytes,
    timeoutMs,
    idleTimeoutMs,
    cancelled: () => options.signal?.aborted === true,
    timedOut: () => deadline.aborted,
  };
  const agent = new Agent({
    connect: {
      lookup: guardedLookup(options.allowPrivate, options.network?.resolve),
      timeout: idleTimeoutMs,
      ...(options.network?.ca ? { ca: options.network.ca } : {}),
    },
    headersTimeout: idleTimeoutMs,
    bodyTimeout: idleTimeoutMs,
  });
  let dir: string | undefined;
  try {
    const response = await fetchFollowing(agent, state, options, signal);
    if (response.statusCode < 200 || response.statusCode > 299) {
      discard(response);
      throw httpStatus(state, response.statusCode);
    }
    const declared = Number(header(response, 'content-length') ?? Number.NaN);
    if (declared > options.maxBytes) {
      discard(response);
      throw tooLarge(state, declared);
    }
    dir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'catalog-upload-source-'));
    const partial = join(dir, 'download.part');
    const { bytes, type } = await saveBody(response.body, partial, options.maxBytes, signal);
    // The name always ends in an image extension, so it never collides with `download.part`.
    const fileName = sourceFileName(header(response, 'content-disposition'), [given, state.current], type);
    const path = join(dir, fileName);
    await rename(partial, path);
    const folder = dir;
    return { path, bytes, type, fileName, cleanup: () => rm(folder, { recursive: true, force: true }) };
  } catch (error) {
    if (dir) await rm(dir, { recursive: true, force: true });
    throw toSourceError(error, state);
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}
