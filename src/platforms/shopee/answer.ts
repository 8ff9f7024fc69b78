import { z } from 'zod';
import { quote, UpstreamError } from '../../http/errors.js';
import type { AnswerReader, HttpResponse } from '../../http/transport.js';
import { advise, NO_API_HERE } from './advice.js';

/** A field that is dropped, not fatal, when Shopee sends it with another type. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const ImageInfo = z.object({
  image_id: lenient(z.string()),
  image_url_list: lenient(
    z.array(z.object({ image_url_region: z.string().catch(''), image_url: z.string() }).loose()).catch([]),
  ),
});

const ImageInfoEntry = z.object({
  id: lenient(z.coerce.number()),
  error: lenient(z.string()),
  message: lenient(z.string()),
  image_info: lenient(ImageInfo),
});

/** Every Shopee answer: `error` (empty on success), `message`, `warning`, `request_id`, `response`. */
export const ShopeeBody = z
  .object({
    error: lenient(z.string()),
    message: lenient(z.string()),
    warning: lenient(z.string()),
    request_id: lenient(z.string()),
    response: lenient(
      z.object({ image_info: lenient(ImageInfo), image_info_list: lenient(z.array(ImageInfoEntry)) }).loose(),
    ),
  })
  .loose();
export type ShopeeBody = z.infer<typeof ShopeeBody>;
export type ImageInfo = z.infer<typeof ImageInfo>;

const bodyOf = (json: unknown): ShopeeBody | undefined =>
  typeof json === 'object' && json !== null && !Array.isArray(json) ? ShopeeBody.parse(json) : undefined;

/** Shopee's way of saying no: the JSON `error` field, with HTTP 200 or 4xx/5xx alike. */
export const SHOPEE_ANSWERS: AnswerReader = {
  refusal(status, json) {
    const said = bodyOf(json)?.error;
    if (said) return said;
    return status >= 400 ? '' : undefined;
  },
  requestId: (json) => bodyOf(json)?.request_id || undefined,
};

function fail(
  res: HttpResponse,
  requestId: string | undefined,
  detail: string,
  fix: string,
  code?: string,
): never {
  throw new UpstreamError({
    platform: 'Shopee',
    kind: 'http',
    status: res.status,
    requestId,
    code,
    detail,
    fix,
  });
}

/** Returns the body of a successful answer; throws the mapped failure otherwise. */
export function readShopeeAnswer(res: HttpResponse): ShopeeBody {
  const body = bodyOf(res.json);
  const requestId = body?.request_id || undefined;
  const ref = requestId ? ` (request_id ${quote(requestId)})` : '';

  if (body === undefined) {
    const html = /^\s*</.test(res.text);
    const ok = res.status >= 200 && res.status < 300;
    const what = ok
      ? `Shopee answered HTTP ${res.status} with a body that is not JSON`
      : `Shopee${html ? "'s gateway" : ''} answered HTTP ${res.status} with ${html ? 'an HTML page' : 'a non-JSON body'}`;
    if (res.status === 404) {
      // Lower-case the sentence's first letter only: "Shopee API" keeps its capitals.
      const noApi = NO_API_HERE.what.charAt(0).toLowerCase() + NO_API_HERE.what.slice(1);
      fail(res, requestId, `${what}: ${noApi}.`, NO_API_HERE.fix);
    }
    fail(res, requestId, `${what}; the service may be having problems.`, 'Try again in a few minutes.');
  }
  const code = body.error ?? '';
  if (code !== '') {
    const advice = advise(code, body.message ?? '', res.status);
    const said = `${quote(code)}: ${body.message ? quote(body.message) : 'no message'}`;
    fail(res, requestId, `${advice.what} (${said})${ref}.`, advice.fix, code);
  }
  if (res.status < 200 || res.status >= 300) {
    fail(
      res,
      requestId,
      `Shopee answered HTTP ${res.status} without an error code${ref}.`,
      'Try again later.',
    );
  }
  return body;
}
