import { secretsOf, type Config } from '../config.js';
import { AllowedRoots, createFileAccess } from '../files/index.js';
import { RETRY_POLICIES, type RetryPolicies } from '../http/retry.js';
import { createTransport } from '../http/transport.js';
import { createLogger, isLevel, stderrSink, type LogSink } from '../logging.js';
import { NotConfigured } from '../tools/deps.js';
import type { Dispatcher } from 'undici';
import type { ServerDeps } from './create-server.js';
import { lazyShopeeClient, lazyTracePassClient } from './lazy-clients.js';

export interface WiringOptions {
  config: Config;
  roots: readonly string[];
  /** Extra log sinks (tests collect lines here). stderr gets `LOG_LEVEL` and up, `warning` by default. */
  sinks?: LogSink[];
  dispatcher?: Dispatcher;
  now?: () => number;
  /** Retry timing and limits; tests shorten the delays. */
  policies?: RetryPolicies;
}

/** Builds the real dependencies from the configuration: the only place the parts are wired together. */
export function wireDeps({
  config,
  roots,
  sinks = [],
  dispatcher,
  now,
  policies = RETRY_POLICIES,
}: WiringOptions): ServerDeps {
  const threshold = isLevel(config.logLevel) ? config.logLevel : 'warning';
  const logger = createLogger(secretsOf(config), [stderrSink(threshold), ...sinks]);
  const transport = createTransport({ ...config.http, dispatcher, logger });
  return {
    files: createFileAccess(new AllowedRoots(roots)),
    shopee: config.shopee.ok
      ? lazyShopeeClient({ config: config.shopee.value, transport, logger, now, policy: policies.shopee })
      : new NotConfigured(config.shopee.problem),
    tracepass: config.tracepass.ok
      ? lazyTracePassClient({
          config: config.tracepass.value,
          transport,
          logger,
          now,
          readPolicy: policies.tracepassRead,
        })
      : new NotConfigured(config.tracepass.problem),
    logger,
    policies,
    addLogSink: (sink) => logger.add(sink),
  };
}
