import { quote } from '../../http/errors.js';
import { MAX_IMAGES_PER_CALL, SHOPEE_IMAGE_RULE } from './limits.js';

export interface Advice {
  what: string;
  fix: string;
}

// A wrong SHOPEE_BASE_URL answers 404 (Shopee's own error_not_found, or some other server's page).
export const NO_API_HERE: Advice = {
  what: 'There is no Shopee API at this address',
  fix: 'Check SHOPEE_BASE_URL / SHOPEE_REGION (by default https://partner.shopeemobile.com).',
};

const MB = SHOPEE_IMAGE_RULE.maxBytes / 1024 / 1024;

const BY_CODE: Record<string, Advice> = {
  error_sign: {
    what: 'Shopee rejected the request signature',
    fix: 'Check that SHOPEE_PARTNER_KEY is the key of SHOPEE_PARTNER_ID for this host (live and sandbox keys differ: check SHOPEE_REGION / SHOPEE_BASE_URL).',
  },
  error_auth: {
    what: 'Shopee refused the credentials',
    fix: 'Shop access tokens expire after 4 hours: refresh SHOPEE_ACCESS_TOKEN (and check SHOPEE_SHOP_ID), and make sure the app has permission for the MediaSpace API.',
  },
  error_limit: {
    what: "Shopee's daily call limit for this API is used up",
    fix: 'It resets at 00:00 UTC+8; try again after that. Retrying now will not help.',
  },
  error_rate_limit: {
    what: 'Shopee is rate limiting these calls',
    fix: 'Wait a minute and try again, with fewer calls at once.',
  },
  error_server: { what: 'Shopee had an internal problem', fix: 'Try again in a few minutes.' },
  error_network: { what: 'Shopee had an internal problem', fix: 'Try again in a few minutes.' },
};

function paramAdvice(said: string): Advice {
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
    fix: `Send 1–${MAX_IMAGES_PER_CALL} JPEG or PNG images of at most ${MB} MB each; scene is normal or desc, ratio 1:1 or 3:4.`,
  };
}

/** What each Shopee error code means for the person running the agent, and what they can do. */
export function advise(code: string, message: string, status: number): Advice {
  if (code === 'error_not_found' || status === 404) return NO_API_HERE;
  const said = message.toLowerCase();
  if (said.includes('timestamp')) {
    return {
      what: 'Shopee refused the request timestamp',
      fix: "This machine's clock is off: Shopee accepts timestamps within 5 minutes. Sync the system clock (NTP) and try again.",
    };
  }
  if (code === 'error_param') return paramAdvice(said);
  return (
    BY_CODE[code] ?? {
      what: `Shopee answered ${quote(code)}`,
      fix: 'If it persists, contact Shopee Open Platform support with the request id.',
    }
  );
}
