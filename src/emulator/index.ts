import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { emulatorEnv, resolveConfig } from './config.js';
import { FaultQueue } from './fault-queue.js';
import { addProduct } from './products.js';
import { dispatch, type Dispatcher } from './server.js';
import { createShopeeApi } from './shopee.js';
import { createTracepassApi } from './tracepass.js';
import type { Emulator, EmulatorOptions, Product, RecordedRequest, StoredShopeeImage } from './types.js';

export {
  DEFAULT_SHOPEE_PARTNER,
  DEFAULT_SHOPEE_SHOP,
  DEFAULT_TRACEPASS_API_KEY,
  DEMO_PRODUCT,
  DEMO_PRODUCT_ID,
} from './defaults.js';
export { SHOPEE_MAX_IMAGE_BYTES } from './shopee-upload.js';
export { TRACEPASS_MAX_IMAGE_BYTES } from './tracepass-images.js';
export type {
  Emulator,
  EmulatorOptions,
  Fault,
  ImageKind,
  Product,
  ProductSeed,
  RecordedPart,
  RecordedRequest,
  ShopeePartner,
  ShopeeShop,
  StoredShopeeImage,
} from './types.js';

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function originOf({ address, family, port }: AddressInfo): string {
  return `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`;
}

/** Starts both fake APIs on one loopback origin. */
export async function startEmulator(options?: EmulatorOptions): Promise<Emulator> {
  const config = resolveConfig(options);
  const products = new Map<string, Product>();
  for (const seed of config.tracepass.products) addProduct(products, seed);
  const requests: RecordedRequest[] = [];
  const shopeeImages = new Map<string, StoredShopeeImage>();
  const faults = new FaultQueue();

  const server = createServer();
  let connections = 0;
  server.on('connection', () => (connections += 1));
  const url = originOf(await listen(server, config.port, config.host));
  const dispatcher: Dispatcher = {
    faults,
    requests,
    hashFiles: config.hashFiles,
    keepPartsUnder: config.keepPartsUnder,
    apis: {
      shopee: createShopeeApi({
        ...config.shopee,
        url,
        now: config.now,
        startedAtMs: config.now(),
        images: shopeeImages,
      }),
      tracepass: createTracepassApi({ ...config.tracepass, url, products }),
    },
  };
  // Attached once the port (and so the URL in every answer) is known. Should a bug still throw, that one
  // request loses its connection (which a test sees) instead of the whole emulator exiting.
  server.on('request', (req, res) => void dispatch(req, res, dispatcher).catch(() => res.destroy()));

  let closing: Promise<void> | undefined;
  return {
    url,
    env: emulatorEnv(config, url),
    requests,
    products,
    shopeeImages,
    get connections() {
      return connections;
    },
    addProduct: (seed) => addProduct(products, seed),
    inject: (fault) => faults.inject(fault),
    reset() {
      requests.length = 0;
      shopeeImages.clear();
      faults.clear();
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
        // Every connection is gone now, so nothing still in flight will ever be answered.
        for (const record of requests) if (record.status === 0) record.status = 'dropped';
      });
      return closing;
    },
  };
}
