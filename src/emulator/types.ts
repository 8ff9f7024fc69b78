import type { IncomingMessage, ServerResponse } from 'node:http';

export type ImageKind = 'jpeg' | 'png' | 'webp';
export type Platform = 'shopee' | 'tracepass';

export interface ShopeePartner {
  partnerId: number;
  partnerKey: string;
}

export interface ShopeeShop {
  shopId: number;
  accessToken: string;
}

export interface ProductSeed {
  id?: string;
  name?: string;
  imageUrls?: string[];
}

export interface Product {
  id: string;
  name: string;
  imageUrls: string[];
}

/** What the emulator kept of an uploaded Shopee image (the bytes themselves are discarded). */
export interface StoredShopeeImage {
  imageId: string;
  size: number;
  sha256?: string;
  sniffed: ImageKind;
}

export interface EmulatorOptions {
  host?: string;
  port?: number;
  /** Clock in ms, used for Shopee's timestamp window. */
  now?: () => number;
  /** Record the sha256 (hex) of each received file part. */
  hashFiles?: boolean;
  /** Keep the bytes of each received file part smaller than this (tests read back what arrived). */
  keepPartsUnder?: number;
  shopee?: {
    partners?: ShopeePartner[];
    shops?: ShopeeShop[];
    errorStatus?: 'http' | 200;
    singleImageShape?: 'list' | 'info' | 'both';
  };
  tracepass?: {
    apiKeys?: string[];
    readOnlyKeys?: string[];
    products?: ProductSeed[];
    deleteStatus?: 200 | 204;
  };
}

export interface RecordedPart {
  field: string;
  filename?: string;
  contentType?: string;
  /** Bytes received; for a part over the platform's limit, counting stops one byte past the limit. */
  size: number;
  sha256?: string;
  sniffed?: ImageKind;
  truncated?: true;
  /** The part's bytes, when the emulator keeps small parts (`keepPartsUnder`). */
  data?: Buffer;
}

export interface RecordedRequest {
  platform: Platform | 'other';
  method: string;
  path: string;
  /** Secret values (sign, access_token, …) are replaced by '[redacted]'. */
  query: Record<string, string>;
  hasAuthorization: boolean;
  /** 0 while the request is still in flight. */
  status: number | 'dropped';
  parts: RecordedPart[];
  fields: Record<string, string>;
  /** Shopee error code, or TracePass error message, sent back. */
  error?: string;
  /** The User-Agent header, as sent. */
  userAgent?: string;
  /** Body bytes a `huge-body` fault wrote before the client went away (or the body ended). */
  answerBytes?: number;
}

interface FaultTarget {
  platform: Platform;
  method?: string;
  times?: number;
}

export type Fault =
  | (FaultTarget & { kind: 'drop-after-store' })
  | (FaultTarget & { kind: 'drop-before-store' })
  | (FaultTarget & { kind: 'status-5xx'; status?: number })
  | (FaultTarget & { kind: 'slow'; delayMs: number })
  | (FaultTarget & { kind: 'rate-limit' })
  | (FaultTarget & {
      platform: 'shopee';
      kind: 'shopee-error';
      error: string;
      message: string;
      status?: number;
    })
  | (FaultTarget & { platform: 'tracepass'; kind: 'tracepass-error'; error: string; status?: number })
  /** A 200 whose body runs to `bytes`, or never ends when `bytes` is left out. */
  | (FaultTarget & { kind: 'huge-body'; bytes?: number })
  | (FaultTarget & { kind: 'malformed-json' })
  | (FaultTarget & { kind: 'html-502' })
  | {
      platform: 'shopee';
      kind: 'partial-failure';
      failIndices: number[];
      error?: string;
      message?: string;
      times?: number;
    };

export interface Emulator {
  /** Origin serving both APIs, e.g. 'http://127.0.0.1:41234'. */
  url: string;
  env: Record<string, string>;
  /** Every request that reached the server, in arrival order. */
  requests: RecordedRequest[];
  /** Live TracePass state. */
  products: Map<string, Product>;
  /** Images Shopee accepted, by image_id. */
  shopeeImages: Map<string, StoredShopeeImage>;
  /** TCP connections accepted so far: fewer than requests when clients keep connections alive. */
  readonly connections: number;
  /** Throws on a malformed or already used id. */
  addProduct(p?: ProductSeed): Product;
  inject(fault: Fault): void;
  /** Clears requests, shopeeImages and pending faults; products stay. */
  reset(): void;
  /** Also destroys open connections, so it never waits on a client. */
  close(): Promise<void>;
}

/** One request on its way through the emulator. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  /** The raw query, secrets included: only the request log is redacted. */
  query: Record<string, string>;
  record: RecordedRequest;
  fault: Fault | undefined;
  hashFiles: boolean;
  keepPartsUnder: number;
}
