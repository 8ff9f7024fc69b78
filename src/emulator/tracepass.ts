import type { ErrorFault, PlatformApi } from './platform.js';
import { PRODUCT_ID } from './products.js';
import { jsonReply, type Reply } from './respond.js';
import { authorize, type Access, type TracepassKeys } from './tracepass-auth.js';
import {
  deleteProductImage,
  TRACEPASS_MAX_IMAGE_BYTES,
  tracepassError,
  uploadProductImage,
  type ImagesContext,
} from './tracepass-images.js';
import type { Exchange, Product } from './types.js';

const DEFAULT_LIST_LIMIT = 20;
const MAX_LIST_LIMIT = 100;

export interface TracepassContext extends ImagesContext, TracepassKeys {
  products: Map<string, Product>;
}

type Route =
  | { access: Access; run: () => Reply }
  | { access: Access; productId: string; run: (product: Product) => Promise<Reply> | Reply };

function listProducts(ex: Exchange, ctx: TracepassContext): Reply {
  const asked = Number(ex.query.limit);
  const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_LIST_LIMIT) : DEFAULT_LIST_LIMIT;
  return jsonReply(200, { data: [...ctx.products.values()].slice(0, limit), total: ctx.products.size });
}

function route(ex: Exchange, ctx: TracepassContext): Route | undefined {
  const [products, id, images, index, ...rest] = ex.path.slice('/api/v1/'.length).split('/');
  const method = ex.record.method;
  if (products !== 'products' || rest.length > 0) return undefined;
  if (id === undefined) {
    return method === 'GET' ? { access: 'read', run: () => listProducts(ex, ctx) } : undefined;
  }
  if (images === undefined) {
    return method === 'GET' ? { access: 'read', productId: id, run: (p) => jsonReply(200, p) } : undefined;
  }
  if (images !== 'images') return undefined;
  if (index === undefined && method === 'POST') {
    return { access: 'write', productId: id, run: (p) => uploadProductImage(ex, p, ctx) };
  }
  if (index !== undefined && method === 'DELETE') {
    return { access: 'write', productId: id, run: (p) => deleteProductImage(p, index, ctx) };
  }
  return undefined;
}

function faultReply(fault: ErrorFault): Reply {
  if (fault.kind === 'rate-limit')
    return tracepassError(429, 'Daily request budget exhausted. Resets at 00:00 UTC.');
  return tracepassError(fault.kind === 'status-5xx' ? (fault.status ?? 500) : 500, 'Internal server error');
}

export function createTracepassApi(ctx: TracepassContext): PlatformApi {
  return {
    maxFileSize: TRACEPASS_MAX_IMAGE_BYTES,
    faultReply,
    async handle(ex) {
      // An error with the caller's own words: what a hostile or broken upstream may say.
      if (ex.fault?.kind === 'tracepass-error') return tracepassError(ex.fault.status ?? 400, ex.fault.error);
      const found = route(ex, ctx);
      if (!found) return tracepassError(404, 'Not found');
      const auth = authorize(ex.req.headers.authorization, found.access, ctx);
      if (!auth.ok) return tracepassError(auth.status, auth.error);
      if (!('productId' in found)) return found.run();
      if (!PRODUCT_ID.test(found.productId)) return tracepassError(400, 'Invalid product id');
      const product = ctx.products.get(found.productId.toLowerCase());
      if (!product) return tracepassError(404, 'Product not found');
      return found.run(product);
    },
  };
}
