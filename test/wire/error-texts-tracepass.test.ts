import { afterEach, describe, expect, it } from 'vitest';
import type { Env } from '../../src/config/env.js';
import {
  DEMO_PRODUCT_ID,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type Fault,
} from '../../src/emulator/index.js';
import { AllowedRoots, createFileAccess } from '../../src/files/index.js';
import { UpstreamError } from '../../src/http/errors.js';
import type { TracePassClient } from '../../src/platforms/tracepass/client.js';
import { deleteImageChecked } from '../../src/platforms/tracepass/delete-checked.js';
import { TRACEPASS_IMAGE_RULE } from '../../src/platforms/tracepass/limits.js';
import { uploadImageOnce } from '../../src/platforms/tracepass/upload-once.js';
import { tracepassClient } from '../helpers/clients.js';
import { CLOSED, expectExplained, expectNoSecrets, show, useWebsite } from '../helpers/error-texts.js';
import type { Explained } from '../helpers/error-texts.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';

/**
 * What an upload or a delete says when TracePass refuses or fails on the wire, and when the product read
 * first rules the call out. Each case runs the protocol the tool runs (`uploadImageOnce`,
 * `deleteImageChecked`) with the real client against the emulator.
 */
interface Run {
  client: TracePassClient;
  emulator: Emulator;
  ws: Workspace;
}

interface TracePassCase extends Explained {
  emulator?: EmulatorOptions;
  /** On top of the emulator's; a function when it needs the website. */
  env?: Env | (() => Env);
  faults?: Fault[];
  /** UPLOAD_TIMEOUT_MS. */
  timeoutMs?: number;
  call: (run: Run) => Promise<unknown>;
  /** Requests the emulator saw, when the retries are part of the case. */
  sent?: number;
}

const website = useWebsite();
const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://cdn.example/p/${i}.jpg`);
const product = (emulator: Emulator, n: number) => emulator.addProduct({ imageUrls: urls(n) }).id;
const upload =
  (id: (e: Emulator) => string = () => DEMO_PRODUCT_ID) =>
  async ({ client, emulator, ws }: Run) => {
    const files = createFileAccess(new AllowedRoots([ws.root]));
    const [image] = await files.openImages([ws.png('a.png')], TRACEPASS_IMAGE_RULE);
    return uploadImageOnce(client, id(emulator), image!).finally(() => image!.close());
  };
const remove =
  (id: (e: Emulator) => string, index: number, expectedUrl?: string) =>
  ({ client, emulator }: Run) =>
    deleteImageChecked(client, id(emulator), index, { expectedUrl });
const demo = () => DEMO_PRODUCT_ID;
/** A fault on the product reads, the first `times` of them. */
const GET = (fault: { kind: Fault['kind']; status?: number; delayMs?: number }, times = 3) =>
  ({ platform: 'tracepass', method: 'GET', times, ...fault }) as Fault;

const FAILURES: Record<string, TracePassCase> = {
  'TracePass 401 (a wrong key)': {
    env: { TRACEPASS_API_KEY: 'tp_revoked_key_0001' },
    call: upload(),
    what: /^TracePass could not read product \w{24} \(HTTP 401: "Invalid API key"\)\.$/,
    fix: /^TracePass rejected the API key: check TRACEPASS_API_KEY/,
  },
  'TracePass 403 (a read-only key)': {
    emulator: { tracepass: { readOnlyKeys: ['tp_read_only_0001'] } },
    env: { TRACEPASS_API_KEY: 'tp_read_only_0001' },
    call: remove((e) => product(e, 2), 0),
    what: /^TracePass could not delete image 0 of product \w{24} \(HTTP 403: "API key lacks the products:write scope"\)\.$/,
    fix: /use a key with write access to products \(scope products:write\)/,
  },
  'TracePass 404 (an unknown product)': {
    call: remove(() => 'd'.repeat(24), 0),
    what: /^TracePass could not read product d{24} \(HTTP 404: "Product not found"\)\.$/,
    fix: /^TracePass has no product d{24} for this key: check product_id\./,
  },
  'TracePass 5xx on upload, after checked retries': {
    faults: [{ platform: 'tracepass', method: 'POST', kind: 'status-5xx', status: 500, times: 3 }],
    call: upload(),
    what: /^TracePass could not upload the image to product \w{24} \(HTTP 500: "Internal server error"\)\.$/,
    fix: /^TracePass had a server problem\. Try again in a few minutes\.$/,
    sent: 7, // the first read, then three times a POST and a read
  },
  'TracePass 5xx on read, after retries': {
    faults: [GET({ kind: 'status-5xx', status: 503 })],
    call: remove(demo, 0),
    what: /^TracePass could not read product \w{24} \(HTTP 503: "Internal server error"\)\.$/,
    fix: /^TracePass had a server problem\. Try again in a few minutes\.$/,
    sent: 3,
  },
  'an HTML page from TracePass’s gateway': {
    faults: [GET({ kind: 'html-502' })],
    call: remove(demo, 0),
    what: /\(HTTP 502: an HTML error page from a gateway\)\.$/,
    fix: /^TracePass had a server problem\. Try again in a few minutes\.$/,
    sent: 3,
  },
  'a TracePass answer without the product’s images': {
    faults: [GET({ kind: 'malformed-json' }, 1)],
    call: upload(),
    what: /^TracePass answered HTTP 200 to "read product \w{24}" without an imageUrls list\.$/,
    fix: /^Check that TRACEPASS_BASE_URL is the TracePass API .*; if it is, try again in a few minutes\.$/,
  },
  'a TRACEPASS_BASE_URL that is a website, not the API': {
    env: () => ({ TRACEPASS_BASE_URL: website() }),
    call: upload(),
    what: /^TracePass could not read product \w{24} \(HTTP 404: an HTML error page from a gateway\)\.$/,
    fix: /check product_id\. If every product answers this, check TRACEPASS_BASE_URL\.$/,
  },
  'TracePass unreachable': {
    env: { TRACEPASS_BASE_URL: CLOSED },
    call: upload(),
    what: /^Could not connect to TracePass at 127\.0\.0\.1:9 \(ECONNREFUSED\)\.$/,
    fix: /^Check TRACEPASS_BASE_URL and the network connection\.$/,
  },
  'TracePass not answering in time': {
    timeoutMs: 200,
    faults: [GET({ kind: 'slow', delayMs: 2_000 })],
    call: remove(demo, 0),
    what: /^TracePass \(127\.0\.0\.1:\d+\) did not answer within 0\.2 s\.$/,
    fix: /raise UPLOAD_TIMEOUT_MS/,
    sent: 3,
  },
  'an upload whose connection broke, with the product unreadable afterwards': {
    faults: [
      { platform: 'tracepass', method: 'POST', kind: 'drop-before-store' },
      // The first GET (before the upload) passes; the re-reads after it fail.
      GET({ kind: 'slow', delayMs: 0 }, 1),
      GET({ kind: 'status-5xx' }),
    ],
    call: upload(),
    what: /The product could not be read afterwards to see whether the image was stored/,
    fix: /^Nothing was resent: list the product's images \(tracepass_list_images\) before uploading again\.$/,
  },
  'a delete whose connection broke, the image still there': {
    faults: [{ platform: 'tracepass', method: 'DELETE', kind: 'drop-before-store' }],
    call: remove((e) => product(e, 2), 0),
    what: /^The connection to TracePass at 127\.0\.0\.1:\d+ broke before it answered \(\w+\)\.$/,
    fix: /^The image is still on the product, now at index 0 of 2; the DELETE was not resent because indices shift\. To retry safely, call tracepass_delete_image with index 0 and expected_url https:\/\/cdn\.example\/p\/0\.jpg\.$/,
  },
};

// The checks the protocols make on the product they read first: they send nothing else.
const CHECKS: Record<string, TracePassCase> = {
  'a product that already has 20 images': {
    call: upload((e) => product(e, 20)),
    what: /^Product \w{24} already has 20 images, the TracePass maximum is 20\. Nothing was uploaded\./,
    fix: /Remove one with tracepass_delete_image first\.$/,
  },
  'an index past the end': {
    call: remove((e) => product(e, 2), 5),
    what: /has 2 images, so there is no image at index 5 \(valid indices are 0–1\)\. Nothing was deleted\./,
    fix: /Pick the index from image_urls \(tracepass_list_images lists them\) and call again\.$/,
  },
  'a product with no images to delete': {
    call: remove(demo, 0),
    what: /has 0 images, so there is no image at index 0 \(it has no images\)\. Nothing was deleted\./,
    fix: /Check product_id: this product has nothing to delete\.$/,
  },
  'an expected_url now at another index': {
    call: remove((e) => product(e, 3), 0, urls(3)[2]),
    what: /^Image 0 of product \w{24} is https:\/\/cdn\.example\/p\/0\.jpg, not the expected_url\. Nothing was deleted\./,
    fix: /The expected image is now at index 2: call again with index 2\.$/,
  },
  'an expected_url no longer on the product': {
    call: remove((e) => product(e, 2), 0, 'https://cdn.example/gone.jpg'),
    what: /not the expected_url\. Nothing was deleted\. The expected image is no longer on the product/,
    fix: /read image_urls again \(tracepass_list_images\) before deleting anything else\.$/,
  },
};

let emulator: Emulator | undefined;
let ws: Workspace | undefined;
afterEach(async () => {
  await emulator?.close();
  ws?.cleanup();
  emulator = ws = undefined;
});

async function run(c: TracePassCase): Promise<unknown> {
  emulator = await startEmulator(c.emulator);
  ws = makeWorkspace();
  for (const fault of c.faults ?? []) emulator.inject(fault);
  const env = { ...emulator.env, ...(typeof c.env === 'function' ? c.env() : c.env) };
  const client = tracepassClient(env, { fast: true, requestTimeoutMs: c.timeoutMs });
  return c.call({ client, emulator, ws }).catch((e: unknown) => e);
}

describe('every failed TracePass call says what happened and what to do next', () => {
  it.each(Object.entries(FAILURES))('%s', async (name, c) => {
    expectExplained(name, await run(c), c);
    if (c.sent !== undefined) expect(emulator!.requests).toHaveLength(c.sent);
  });

  it.each(Object.entries(CHECKS))('%s', async (name, c) => {
    const error = await run(c);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UpstreamError);
    const { message } = error as Error;
    show(name, message);
    expect(message).toMatch(c.what);
    expect(message).toMatch(c.fix);
    expectNoSecrets(message);
    expect(emulator!.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200']);
  });
});
