import type { ErrorFault, PlatformApi } from './platform.js';
import { jsonReply, type Reply } from './respond.js';
import { checkCommonParams } from './shopee-auth.js';
import { requestId, shopeeError, type ErrorStatusMode } from './shopee-errors.js';
import {
  SHOPEE_MAX_IMAGE_BYTES,
  UPLOAD_IMAGE_PATH,
  uploadImage,
  type ShopeeUploadContext,
} from './shopee-upload.js';
import type { Exchange, ShopeePartner, ShopeeShop } from './types.js';

const SHOPS_BY_PARTNER_PATH = '/api/v2/public/get_shops_by_partner';
const YEAR_S = 365 * 24 * 3600;

export interface ShopeeContext extends ShopeeUploadContext {
  partners: ShopeePartner[];
  shops: ShopeeShop[];
  now: () => number;
  startedAtMs: number;
}

function shopsByPartner(ctx: ShopeeContext): Reply {
  const authTime = Math.floor(ctx.startedAtMs / 1000);
  const shops = ctx.shops.map(({ shopId }) => ({
    shop_id: shopId,
    region: 'SG',
    auth_time: authTime,
    expire_time: authTime + YEAR_S,
  }));
  return jsonReply(200, {
    request_id: requestId(),
    error: '',
    message: '',
    authed_shop_list: shops,
    more: false,
  });
}

function faultReply(fault: ErrorFault, mode: ErrorStatusMode): Reply {
  switch (fault.kind) {
    case 'status-5xx':
      return shopeeError('error_server', 'Something wrong. Please try later.', mode, fault.status ?? 500);
    case 'rate-limit':
      return shopeeError('error_rate_limit', 'Too many requests, please try again later.', mode);
    case 'shopee-error':
      return shopeeError(fault.error, fault.message, mode, fault.status);
  }
}

export function createShopeeApi(ctx: ShopeeContext): PlatformApi {
  const routes: Record<string, { method: string; shopMode: boolean; run: (ex: Exchange) => Promise<Reply> }> =
    {
      [UPLOAD_IMAGE_PATH]: { method: 'POST', shopMode: true, run: (ex) => uploadImage(ex, ctx) },
      [SHOPS_BY_PARTNER_PATH]: { method: 'GET', shopMode: false, run: async () => shopsByPartner(ctx) },
    };
  return {
    maxFileSize: SHOPEE_MAX_IMAGE_BYTES,
    faultReply: (fault) => faultReply(fault, ctx.errorStatus),
    async handle(ex) {
      const route = Object.hasOwn(routes, ex.path) ? routes[ex.path] : undefined;
      if (!route || route.method !== ex.record.method) {
        return shopeeError('error_not_found', 'Api not found.', ctx.errorStatus);
      }
      const common = checkCommonParams(ex.query, {
        partners: ctx.partners,
        shops: ctx.shops,
        nowMs: ctx.now(),
        path: ex.path,
        shopMode: route.shopMode,
      });
      if (!common.ok) return shopeeError(common.error, common.message, ctx.errorStatus);
      return route.run(ex);
    },
  };
}
