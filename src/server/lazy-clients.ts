import type { ShopeeClient, ShopeeClientDeps } from '../platforms/shopee/client.js';
import type { TracePassClient, TracePassClientDeps } from '../platforms/tracepass/client.js';

// The platform clients (signing with node:crypto, multipart, error mapping) are imported on the first tool
// call, not at start-up: MCP clients time `initialize`, and a session lists tools before it calls one.

/** Runs `load` once, on first use; concurrent first calls share it. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

export function lazyShopeeClient(deps: ShopeeClientDeps): ShopeeClient {
  const client = once(async () => (await import('../platforms/shopee/client.js')).createShopeeClient(deps));
  return {
    uploadImages: async (input) => (await client()).uploadImages(input),
    getShopsByPartner: async (signal) => (await client()).getShopsByPartner(signal),
    describeUpload: async (input) => (await client()).describeUpload(input),
  };
}

export function lazyTracePassClient(deps: TracePassClientDeps): TracePassClient {
  const client = once(async () =>
    (await import('../platforms/tracepass/client.js')).createTracePassClient(deps),
  );
  return {
    getProduct: async (productId, signal) => (await client()).getProduct(productId, signal),
    postImage: async (productId, image, options) => (await client()).postImage(productId, image, options),
    deleteImage: async (productId, index, signal) => (await client()).deleteImage(productId, index, signal),
    listProducts: async (limit, signal) => (await client()).listProducts(limit, signal),
    describePost: async (productId, image) => (await client()).describePost(productId, image),
    describeDelete: async (productId, index) => (await client()).describeDelete(productId, index),
  };
}
