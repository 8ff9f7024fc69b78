import type { Redactor } from './redact.js';

export const LEVELS = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
] as const;
export type Level = (typeof LEVELS)[number];

export interface Logger {
  log(level: Level, message: string, data?: Record<string, unknown>): void;
}

export type LogSink = (level: Level, message: string, data: Record<string, unknown> | undefined) => void;

export function isLevel(value: string | undefined): value is Level {
  return (LEVELS as readonly string[]).includes(value ?? '');
}

export function atLeast(level: Level, threshold: Level): boolean {
  return LEVELS.indexOf(level) >= LEVELS.indexOf(threshold);
}

/** Writes to stderr (never stdout: it carries the protocol) from `threshold` up. */
export function stderrSink(threshold: Level, write = (line: string) => process.stderr.write(line)): LogSink {
  return (level, message, data) => {
    if (!atLeast(level, threshold)) return;
    const suffix = data && Object.keys(data).length > 0 ? ` ${JSON.stringify(data)}` : '';
    write(`[catalog-upload-mcp] ${level}: ${message}${suffix}\n`);
  };
}

/** Fans out to every sink, scrubbing secrets once, here, so no sink can leak them. */
export function createLogger(
  redact: Redactor,
  sinks: LogSink[],
): Logger & { add(sink: LogSink): () => void } {
  return {
    add(sink) {
      sinks.push(sink);
      return () => void sinks.splice(sinks.indexOf(sink), 1);
    },
    log(level, message, data) {
      const clean = redact(message);
      const cleanData = data && (JSON.parse(redact(JSON.stringify(data))) as Record<string, unknown>);
      for (const sink of sinks) sink(level, clean, cleanData);
    },
  };
}

export const silentLogger: Logger = { log: () => undefined };
