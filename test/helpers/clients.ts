import type { Dispatcher } from 'undici';
import type { Env } from '../../src/config/env.js';
import type { ConfigReading } from '../../src/config/finding.js';
import type { RetryPolicy } from '../../src/http/retry.js';
import { createTransport } from '../../src/http/transport.js';
import { silentLogger, type Logger } from '../../src/logging.js';
import type { ClientDeps } from '../../src/platforms/platform.js';
import { createShopeeClient } from '../../src/platforms/shopee/client.js';
import { readShopeeConfig } from '../../src/platforms/shopee/config.js';
import { SHOPEE_POLICIES } from '../../src/platforms/shopee/policy.js';
import { createTracePassClient } from '../../src/platforms/tracepass/client.js';
import { readTracePassConfig } from '../../src/platforms/tracepass/config.js';
import { TRACEPASS_POLICIES } from '../../src/platforms/tracepass/policy.js';
import { createRedactor } from '../../src/redact.js';

export interface ClientOptions {
  dispatcher?: Dispatcher;
  now?: () => number;
  logger?: Logger;
  /** Millisecond delays, so retries run fast but take the same paths. */
  fast?: boolean;
}

const fastened = (policies: Record<string, RetryPolicy>, fast = false) =>
  Object.fromEntries(
    Object.entries(policies).map(([k, p]) => [k, fast ? { ...p, baseDelayMs: 1, maxDelayMs: 2 } : p]),
  );

/** A platform client wired as the server wires it, from an environment (the emulator's). */
function deps<C>(
  reading: ConfigReading<C>,
  label: string,
  policies: Record<string, RetryPolicy>,
  o: ClientOptions,
): ClientDeps<C> {
  if (!reading.setting.ok) throw new Error(reading.setting.problem);
  return {
    config: reading.setting.value,
    service: {
      label,
      addressVariables: label === 'Shopee' ? 'SHOPEE_BASE_URL / SHOPEE_REGION' : 'TRACEPASS_BASE_URL',
    },
    transport: createTransport({
      connectTimeoutMs: 2_000,
      requestTimeoutMs: 5_000,
      redact: createRedactor([]),
      userAgent: 'catalog-upload-mcp/test',
      dispatcher: o.dispatcher,
      logger: o.logger,
    }),
    logger: o.logger ?? silentLogger,
    now: o.now ?? Date.now,
    policies: fastened(policies, o.fast),
  };
}

export const shopeeClient = (env: Env, o: ClientOptions = {}) =>
  createShopeeClient(deps(readShopeeConfig(env), 'Shopee', SHOPEE_POLICIES, o));

export const tracepassClient = (env: Env, o: ClientOptions = {}) =>
  createTracePassClient(deps(readTracePassConfig(env), 'TracePass', TRACEPASS_POLICIES, o));
