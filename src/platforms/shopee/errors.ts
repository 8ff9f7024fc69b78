import { UpstreamError } from '../../http/errors.js';
import type { HttpResponse } from '../../http/transport.js';

interface Advice {
  what: string;
  fix: string;
}

// A wrong SHOPEE_BASE_URL answers 404 (Shopee's own error_not_found, or some other server's page).
const NO_API_HERE: Advice = {
  what: 'There is no Shopee API at this address',
  fix: 'Check SHOPEE_BASE_URL / SHOPEE_REGION (by default https://partner.shopeemobile.com).',
};

/** What each Shopee error code means for the person running the agent, and what they can do. */
function advise(code: string, message: string, status: number): Advice {
  if (code === 'error_not_found' || status === 404) return NO_API_HERE;
  const said = message.toLowerCase();
  if (said.includes('timestamp')) {
    return {
      what: 'Shopee refused the request timestamp',
      fix: "This machine's clock is off: Shopee accepts timestamps within 5 minutes. Sync the system clock (NTP) and try again.",
    };
  }
  switch (code) {
    case 'error_sign':
      return {
        what: 'Shopee rejected the request signature',
        fix: 'Check that SHOPEE_PARTNER_KEY is the key of SHOPEE_PARTNER_ID for this host (live and sandbox keys differ: check SHOPEE_REGION / SHOPEE_BASE_URL).',
      };
    case 'error_auth':
      return {
        what: 'Shopee refused the credentials',
        fix: 'Shop access tokens expire after 4 hours: refresh SHOPEE_ACCESS_TOKEN (and check SHOPEE_SHOP_ID), and make sure the app has permission for the MediaSpace API.',
      };
    case 'error_limit':
      return {
        what: "Shopee's daily call limit for this API is used up",
        fix: 'It resets at 00:00 UTC+8; try again after that. Retrying now will not help.',
      };
    case 'error_rate_limit':
      return {
        what: 'Shopee is rate limiting these calls',
        fix: 'Wait a minute and try again, with fewer calls at once.',
      };
    case 'error_server':
    case 'error_network':
      return { what: 'Shopee had an internal problem', fix: 'Try again in a few minutes.' };
    case 'error_param':
      if (said.includes('partner_id')) {
        return {
          what: 'Shopee does not accept the partner id',
          fix: 'Check SHOPEE_PARTNER_ID and the host (SHOPEE_REGION).',
        };
      }
      if (said.includes('access_token') || said.includes('shop_id')) {
        return {
          what: 'Shopee refused the shop credentials',
          fix: 'Check SHOPEE_SHOP_ID and SHOPEE_ACCESS_TOKEN.',
        };
      }
      return {
        what: 'Shopee refused the request parameters',
        fix: 'Send 1–8 JPEG or PNG images of at most 10 MB each; scene is normal or desc, ratio 1:1 or 3:4.',
      };
    default:
      return {
        what: `Shopee answered ${code}`,
        fix: 'If it persists, contact Shopee Open Platform support with the request id.',
      };
  }
}

export interface ShopeeBody {
  error?: string;
  message?: string;
  warning?: string;
  request_id?: string;
  response?: unknown;
}

/**
 * Shopee signals errors in the JSON `error` field, with HTTP 200 or 4xx/5xx alike: the field decides.
 * Returns the body of a successful answer; throws the mapped failure otherwise.
 */
export function readShopeeAnswer(res: HttpResponse, secrets: readonly string[]): ShopeeBody {
  const body = (typeof res.json === 'object' && res.json !== null ? res.json : undefined) as
    ShopeeBody | undefined;
  const requestId = typeof body?.request_id === 'string' && body.request_id ? body.request_id : undefined;
  const ref = requestId ? ` (request_id ${requestId})` : '';
  const base = { platform: 'Shopee' as const, kind: 'http' as const, status: res.status, requestId, secrets };

  if (body === undefined) {
    const looksHtml = /^\s*</.test(res.text);
    const what =
      res.status >= 200 && res.status < 300
        ? `Shopee answered HTTP ${res.status} with a body that is not JSON`
        : `Shopee${looksHtml ? "'s gateway" : ''} answered HTTP ${res.status} with ${looksHtml ? 'an HTML page' : 'a non-JSON body'}`;
    const next =
      res.status === 404
        ? `: there is no Shopee API at this address. ${NO_API_HERE.fix}`
        : '; the service may be having problems. Try again in a few minutes.';
    return fail({ ...base, message: `${what}${next}` });
  }
  const code = typeof body.error === 'string' ? body.error : '';
  if (code !== '') {
    const message = typeof body.message === 'string' ? body.message : '';
    const advice = advise(code, message, res.status);
    return fail({
      ...base,
      code,
      message: `${advice.what} (${code}: ${message || 'no message'})${ref}. ${advice.fix}`,
    });
  }
  if (res.status < 200 || res.status >= 300) {
    return fail({
      ...base,
      message: `Shopee answered HTTP ${res.status} without an error code${ref}. Try again later.`,
    });
  }
  return body;
}

function fail(init: ConstructorParameters<typeof UpstreamError>[0]): never {
  throw new UpstreamError(init);
}
