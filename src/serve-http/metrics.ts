import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { UpstreamAnswer } from '../http/transport.js';
import type { Observer } from '../server/observer.js';

const PREFIX = 'catalog_upload_mcp_';
// Seconds: a listing takes milliseconds, an upload of a few MB over a slow link up to minutes.
const LATENCY_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export interface Metrics extends Observer {
  /** The Prometheus text exposition and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
  /** Counts a per-request MCP server until it closes: a leak shows as a number that only grows. */
  serverOpened(): () => void;
}

/** This process's metrics, in a registry of its own (prom-client's global one is left alone). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const registers = [registry];
  const calls = new Counter({
    name: `${PREFIX}tool_calls_total`,
    help: 'Tool calls that reached a tool, by tool and outcome (ok or error).',
    labelNames: ['tool', 'outcome'],
    registers,
  });
  const failures = new Counter({
    name: `${PREFIX}tool_failures_total`,
    help: 'Failed tool calls by tool and kind: an upstream failure kind, refusal, busy, rejected or other.',
    labelNames: ['tool', 'kind'],
    registers,
  });
  const latency = new Histogram({
    name: `${PREFIX}tool_call_duration_seconds`,
    help: 'How long tool calls took, by tool and outcome.',
    labelNames: ['tool', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const uploaded = new Counter({
    name: `${PREFIX}uploaded_bytes_total`,
    help: 'Request body bytes of uploads the platform accepted (multipart framing included).',
    labelNames: ['platform'],
    registers,
  });
  const upstream = new Counter({
    name: `${PREFIX}upstream_answers_total`,
    help: 'Answers from the platforms by platform, method and HTTP status.',
    labelNames: ['platform', 'method', 'status'],
    registers,
  });
  const servers = new Gauge({
    name: `${PREFIX}mcp_servers_open`,
    help: 'Per-request MCP server instances not yet closed.',
    registers,
  });

  return {
    toolCall(tool) {
      const stop = latency.startTimer({ tool });
      return ({ outcome, failure }) => {
        stop({ outcome });
        calls.inc({ tool, outcome });
        if (failure) failures.inc({ tool, kind: failure });
      };
    },
    upstreamAnswer({ platform, method, status, sentBytes, refused }: UpstreamAnswer) {
      upstream.inc({ platform, method, status: String(status) });
      if (sentBytes > 0 && status < 400 && !refused) uploaded.inc({ platform }, sentBytes);
    },
    serverOpened() {
      servers.inc();
      let open = true;
      return () => {
        if (open) servers.dec();
        open = false;
      };
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
