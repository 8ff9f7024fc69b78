import type { Dispatcher } from 'undici';
import type { Env } from '../../src/config/env.js';
import type { ConfigReading } from '../../src/config/finding.js';
import type { RetryPolicy } from '../../src/http/retry.js';
import { createTransport, type Service } from '../../src/http/transport.js';
import { silentLogger, type Logger } from '../../src/logging.js';
import { PLATFORMS } from '../../src/platforms/index.js';
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
  /** UPLOAD_TIMEOUT_MS as the server would read it; 5 s by default. */
  requestTimeoutMs?: number;
}

const fastened = (policies: Record<string, RetryPolicy>, fast = false) =>
  Object.fromEntries(
    Object.entries(policies).map(([k, p]) => [k, fast ? { ...p, baseDelayMs: 1, maxDelayMs: 2 } : p]),
  );

const serviceOf = (id: string): Service => PLATFORMS.find((p) => p.id === id)!.service;

/**
 * A platform client wired as the server wires it, from an environment (the emulator's): every
 * platform's secrets in that environment are redacted, as `wireDeps` binds them.
 */
function deps<C>(
  env: Env,
  reading: ConfigReading<C>,
  service: Service,
  policies: Record<string, RetryPolicy>,
  o: ClientOptions,
): ClientDeps<C> {
  if (!reading.setting.ok) throw new Error(reading.setting.problem);
  return {
    config: reading.setting.value,
    service,
    transport: createTransport({
      connectTimeoutMs: 2_000,
      requestTimeoutMs: o.requestTimeoutMs ?? 5_000,
      redact: createRedactor(PLATFORMS.flatMap((platform) => platform.secretsIn(env))),
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
  createShopeeClient(deps(env, readShopeeConfig(env), serviceOf('shopee'), SHOPEE_POLICIES, o));

export const tracepassClient = (env: Env, o: ClientOptions = {}) =>
  createTracePassClient(deps(env, readTracePassConfig(env), serviceOf('tracepass'), TRACEPASS_POLICIES, o));
