import type { FileAccess } from '../files/index.js';
import type { RetryPolicies } from '../http/retry.js';
import type { Logger } from '../logging.js';
import type { ShopeeClient } from '../platforms/shopee/client.js';
import type { TracePassClient } from '../platforms/tracepass/client.js';

/** Stands in for a platform client when its environment is missing or malformed. */
export class NotConfigured {
  constructor(readonly problem: string) {}
}

export interface ToolDeps {
  files: FileAccess;
  shopee: ShopeeClient | NotConfigured;
  tracepass: TracePassClient | NotConfigured;
  logger: Logger;
  policies: RetryPolicies;
}

/** The client, or an error that names the variables to set (before anything is read or sent). */
export function configured<T>(client: T | NotConfigured): T {
  if (client instanceof NotConfigured) throw new Error(client.problem);
  return client;
}
