import { z } from 'zod';
import { finding, type Finding } from '../../config/finding.js';
import { quote } from '../../http/errors.js';
import type { ShopeeClient } from './client.js';
import type { ShopeeConfig } from './config.js';

const CHECK = 'Shopee API';

/** get_shops_by_partner's answer, as far as doctor reads it. */
const AuthedShops = z.object({
  authed_shop_list: z.array(z.object({ shop_id: z.coerce.number().catch(0) })).catch([]),
  more: z.boolean().catch(false),
});

/** The signed public `get_shops_by_partner`: proves the partner id, key and host, and lists the shops. */
export async function shopeeLiveCheck(client: ShopeeClient, config: ShopeeConfig): Promise<Finding> {
  const body = await client.getShopsByPartner();
  const listing = AuthedShops.parse(body);
  const shops = listing.authed_shop_list;
  const ref = body.request_id ? `, request_id ${quote(body.request_id)}` : '';
  const detail = `get_shops_by_partner accepted the partner id and signature (${shops.length} authorised shop(s)${ref})`;
  const shopId = config.shop?.shopId;
  if (shopId !== undefined && listing.more !== true && !shops.some((s) => s.shop_id === shopId)) {
    return finding(
      CHECK,
      'warn',
      `${detail}, but shop ${shopId} is not among them`,
      'authorise the app for that shop (Shopee shop authorisation link), or check SHOPEE_SHOP_ID.',
    );
  }
  return finding(CHECK, 'ok', detail);
}
