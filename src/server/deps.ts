import type { Dispatcher } from 'undici';
import { readRuntime } from '../config/runtime.js';
import type { Env } from '../config/env.js';
import { AllowedRoots, createFileAccess, type FileAccess } from '../files/index.js';
import type { RetryPolicy } from '../http/retry.js';
import { createTransport, type UpstreamAnswer } from '../http/transport.js';
import { lazyLedger, ledgerSettings, type LedgerSource } from '../ledger/source.js';
import { createLogger, stderrSink, type Logger, type LogSink } from '../logging.js';
import { PLATFORMS } from '../platforms/index.js';
import type { BoundPlatform, Platform } from '../platforms/platform.js';
import { createRedactor } from '../redact.js';
import type { Observer } from './observer.js';
import { NAME, VERSION } from './version.js';

export interface ServerDeps {
  files: FileAccess;
  platforms: readonly BoundPlatform[];
  logger: Logger;
  /** The upload record: one per process, shared by every connection. */
  ledger: LedgerSource;
  /** Adds a log sink (the MCP client's) and returns what removes it when that connection ends. */
  addLogSink?: (sink: LogSink) => () => void;
  /** Told of every tool call and upstream answer (HTTP mode's /metrics); nobody listens on stdio. */
  observer?: Observer;
}

export interface WiringOptions {
  env: Env;
  roots: readonly string[];
  platforms?: readonly Platform[];
  /** Extra log sinks (tests collect lines here). stderr gets `LOG_LEVEL` and up, `warning` by default. */
  sinks?: LogSink[];
  dispatcher?: Dispatcher;
  now?: () => number;
  /** Applied to every retry policy: tests shorten the delays, doctor never retries. */
  retryPolicy?: (policy: RetryPolicy) => RetryPolicy;
  /** Caps on the runtime settings (doctor keeps its calls short). */
  runtime?: (runtime: ReturnType<typeof readRuntime>['config']) => ReturnType<typeof readRuntime>['config'];
  observer?: Observer;
}

/**
 * Builds the real dependencies from the environment: the only place the parts are wired together. Every
 * secret of every platform is bound here, once, into the redactor the logger and the transport share.
 */
export function wireDeps({
  env,
  roots,
  platforms = PLATFORMS,
  sinks = [],
  dispatcher,
  now = Date.now,
  retryPolicy = (policy) => policy,
  runtime: adjust = (runtime) => runtime,
  observer,
}: WiringOptions): ServerDeps {
  const runtime = adjust(readRuntime(env).config);
  const redact = createRedactor(platforms.flatMap((platform) => platform.secretsIn(env)));
  const logger = createLogger(redact, [stderrSink(runtime.logLevel), ...sinks]);
  const userAgent = `${NAME}/${VERSION}`;
  const onAnswer = observer && ((answer: UpstreamAnswer) => observer.upstreamAnswer(answer));
  const transport = createTransport({ ...runtime.http, redact, userAgent, dispatcher, logger, onAnswer });
  return {
    files: createFileAccess(new AllowedRoots(roots), { ...runtime.urlSources, userAgent }),
    platforms: platforms.map((platform) => platform.bind(env, { transport, logger, now, retryPolicy })),
    logger,
    ledger: lazyLedger(ledgerSettings(env), (message) => logger.log('warning', message)),
    addLogSink: (sink) => logger.add(sink),
    observer,
  };
}
