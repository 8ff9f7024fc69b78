import fc from 'fast-check';
import { DEMO_PRODUCT_ID } from '../../src/emulator/index.js';
import { png, signedParams, UPLOAD_PATH } from './helpers.js';

/** Mostly well-formed, so most requests get past Node's own parser into the emulator's routes. */
const mostly = <T>(valid: fc.Arbitrary<T>, broken: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: broken, weight: 1 });

const anyText = fc.string({ unit: 'binary', maxLength: 200 });
const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,12}$/);
const visible = fc.stringMatching(/^[\x21-\x7e]{0,60}$/);
const printable = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
const bytes = (maxLength: number) =>
  fc.uint8Array({ maxLength }).map((b) => Buffer.from(b).toString('latin1'));

const PRODUCT = `/api/v1/products/${DEMO_PRODUCT_ID}`;
// Replaced when rendered by a freshly signed Shopee upload URL, so the multipart parser is reached.
const SIGNED_SHOPEE_UPLOAD = '<signed shopee upload>';

const target = mostly(
  fc.oneof(
    fc.constantFrom('/', '//[', PRODUCT, `${PRODUCT}/images`, `${PRODUCT}/images/0`, SIGNED_SHOPEE_UPLOAD),
    fc.constantFrom(SIGNED_SHOPEE_UPLOAD, `${PRODUCT}/images`),
    visible.map((s) => `/${s}`),
    visible.map((s) => `//${s}`),
    visible.map((s) => `${PRODUCT}/images/${s}`),
    visible.map((s) => `/api/v1/products/${s}`),
    visible.map((s) => `${UPLOAD_PATH}?${s}`),
  ),
  anyText.map((s) => `/${s}`),
);

const part = fc.record({
  name: mostly(fc.constantFrom('file', 'image', 'scene', 'ratio'), anyText),
  filename: fc.option(mostly(printable, anyText)),
  type: mostly(fc.constantFrom('image/png', 'image/jpeg', 'text/plain'), anyText),
  data: fc.oneof(
    bytes(2_000),
    fc.nat(3_000).map((n) => png(n + 8).toString('latin1')),
  ),
});

/** A multipart body with random parts, sometimes cut short or with a boundary that never closes. */
const multipart = fc
  .record({
    boundary: mostly(fc.stringMatching(/^[0-9A-Za-z'+_.-]{1,70}$/), anyText),
    parts: fc.array(part, { maxLength: 4 }),
    cut: mostly(fc.constant(null), fc.nat()),
  })
  .map(({ boundary, parts, cut }) => {
    const rendered = parts
      .map((p) => {
        const file = p.filename === null ? '' : `; filename="${p.filename}"`;
        const head = `Content-Disposition: form-data; name="${p.name}"${file}\r\nContent-Type: ${p.type}`;
        return `--${boundary}\r\n${head}\r\n\r\n${p.data}\r\n`;
      })
      .join('');
    const whole = `${rendered}--${boundary}--\r\n`;
    return {
      contentType: `multipart/form-data; boundary=${boundary}`,
      payload: cut === null ? whole : whole.slice(0, cut % (whole.length + 1)),
    };
  });

const body = fc.oneof(
  fc.constant({ contentType: 'application/json', payload: '' }),
  fc.record({ contentType: mostly(printable, anyText), payload: bytes(2_000) }),
  multipart,
);

const anyRequest = fc.record({
  method: mostly(
    fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'HEAD', 'OPTIONS'),
    fc.oneof(token, anyText),
  ),
  target,
  version: mostly(
    fc.constant('HTTP/1.1'),
    fc.constantFrom('HTTP/1.0', 'HTTP/9.9', 'HTTP/1.1 x', '', 'http/1.1'),
  ),
  headers: fc.array(
    mostly(fc.tuple(token, printable), fc.tuple(anyText, anyText)).map(
      ([name, value]) => `${name}: ${value}\r\n`,
    ),
    { maxLength: 4 },
  ),
  auth: fc.constantFrom('', 'Bearer tp_emulator_demo_key', 'Bearer tp_wrong', 'Basic eDp5'),
  body,
  hugeHeader: fc.constantFrom(0, 0, 0, 0, 20_000, 70_000),
});

/** Uploads with valid credentials, so the fuzz reaches the multipart parser and the image checks. */
const upload = fc.record({
  method: fc.constant('POST'),
  target: fc.constantFrom(SIGNED_SHOPEE_UPLOAD, `${PRODUCT}/images`),
  version: fc.constant('HTTP/1.1' as const),
  headers: fc.constant<string[]>([]),
  auth: fc.constant('Bearer tp_emulator_demo_key' as const),
  body: multipart,
  hugeHeader: fc.constant(0 as const),
});

export const fuzzedRequest = fc.oneof(anyRequest, upload);

export type FuzzedRequest = typeof anyRequest extends fc.Arbitrary<infer T> ? T : never;

/** The request as bytes on the wire; its Content-Length always matches, so none waits for more. */
export function render(r: FuzzedRequest): Buffer {
  const target = r.target === SIGNED_SHOPEE_UPLOAD ? `${UPLOAD_PATH}?${signedParams()}` : r.target;
  const payload = Buffer.from(r.body.payload, 'latin1');
  const head = [
    `${r.method} ${target} ${r.version}\r\n`,
    'host: emulator\r\n',
    r.auth ? `authorization: ${r.auth}\r\n` : '',
    ...r.headers,
    r.hugeHeader ? `x-big: ${'a'.repeat(r.hugeHeader)}\r\n` : '',
    `content-type: ${r.body.contentType}\r\n`,
    `content-length: ${payload.length}\r\n\r\n`,
  ].join('');
  return Buffer.concat([Buffer.from(head, 'latin1'), payload]);
}
