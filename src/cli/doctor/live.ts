import type { Config } from '../../config.js';
import { RETRY_POLICIES } from '../../http/retry.js';
import { wireDeps } from '../../server/deps.js';
import { NotConfigured } from '../../tools/deps.js';
import { row, type Row } from './row.js';

/** Longest a doctor call may take: long enough for a slow link, short enough not to look hung. */
const DOCTOR_TIMEOUT_MS = 15_000;

/**
 * Upstream messages read "<what happened> (<details>). <what to do>" (the error-text tests hold them to
 * it); the table shows the two halves in their own places.
 */
export function splitAdvice(message: string): { detail: string; fix: string } {
  // Prefer the end of the parenthesised details: a platform's own text inside them may hold a full stop.
  const afterDetails = message.indexOf('). ');
  const cut = afterDetails >= 0 ? afterDetails + 2 : message.indexOf('. ') + 1;
  if (cut <= 0) return { detail: message, fix: 'see the detail, fix what it names and run doctor again.' };
  return { detail: message.slice(0, cut).trim(), fix: message.slice(cut).trim() };
}

function failed(check: string, error: unknown): Row {
  const { detail, fix } = splitAdvice((error as Error).message);
  return row(check, 'fail', detail, fix);
}

function skipped(check: string, platform: string, configured: boolean): Row {
  return row(
    check,
    'skip',
    configured
      ? `not called: fix the ${platform} configuration rows first`
      : `not called: ${platform} is not configured`,
  );
}

interface AuthedShops {
  request_id?: string;
  authed_shop_list?: { shop_id?: unknown }[];
  more?: boolean;
}

/**
 * One harmless read-only call per configured platform, through the same clients the server uses: Shopee's
 * signed public `get_shops_by_partner`, TracePass's `GET /api/v1/products?limit=1`. Nothing is retried,
 * so a wrong setting shows at once.
 */
export async function liveRows(config: Config, env: Record<string, string | undefined>): Promise<Row[]> {
  const deps = wireDeps({
    // stderr stays quiet unless LOG_LEVEL asks: the table already says what failed.
    config: {
      ...config,
      logLevel: config.logLevel ?? 'critical',
      http: {
        connectTimeoutMs: Math.min(config.http.connectTimeoutMs, DOCTOR_TIMEOUT_MS),
        requestTimeoutMs: Math.min(config.http.requestTimeoutMs, DOCTOR_TIMEOUT_MS),
      },
    },
    roots: [],
    policies: { ...RETRY_POLICIES, shopee: RETRY_POLICIES.never, tracepassRead: RETRY_POLICIES.never },
  });
  const shopeeConfigured = Boolean(env.SHOPEE_PARTNER_ID?.trim() || env.SHOPEE_PARTNER_KEY?.trim());
  const tracepassConfigured = Boolean(env.TRACEPASS_API_KEY?.trim());

  const shopee = async (): Promise<Row> => {
    const check = 'Shopee API';
    if (deps.shopee instanceof NotConfigured) return skipped(check, 'Shopee', shopeeConfigured);
    try {
      const body = (await deps.shopee.getShopsByPartner()) as AuthedShops;
      const shops = body.authed_shop_list ?? [];
      const ref = body.request_id ? `, request_id ${body.request_id}` : '';
      const detail = `get_shops_by_partner accepted the partner id and signature (${shops.length} authorised shop(s)${ref})`;
      const shopId = config.shopee.ok ? config.shopee.value.shop?.shopId : undefined;
      if (shopId !== undefined && body.more !== true && !shops.some((s) => Number(s.shop_id) === shopId)) {
        return row(
          check,
          'warn',
          `${detail}, but shop ${shopId} is not among them`,
          'authorise the app for that shop (Shopee shop authorisation link), or check SHOPEE_SHOP_ID.',
        );
      }
      return row(check, 'ok', detail);
    } catch (error) {
      return failed(check, error);
    }
  };

  const tracepass = async (): Promise<Row> => {
    const check = 'TracePass API';
    if (deps.tracepass instanceof NotConfigured) return skipped(check, 'TracePass', tracepassConfigured);
    try {
      await deps.tracepass.listProducts(1);
      return row(
        check,
        'ok',
        'GET /api/v1/products?limit=1 accepted the key (read access; write access is checked on the first upload)',
      );
    } catch (error) {
      return failed(check, error);
    }
  };

  return Promise.all([shopee(), tracepass()]);
}
