import type { McpServer } from '@modelcontextprotocol/server';
import type { ConfigReading, Finding } from '../config/finding.js';
import type { Env } from '../config/env.js';
import type { FileAccess } from '../files/index.js';
import type { RetryPolicy } from '../http/retry.js';
import type { Service, Transport } from '../http/transport.js';
import type { UploadLedger } from '../ledger/types.js';
import type { Logger } from '../logging.js';

export interface EnvVariable {
  name: string;
  /** One line for --help. */
  help: string;
  /** Its value is scrubbed from every result, log line and error. */
  secret?: boolean;
}

/** What a platform's client is built from; the same for every platform. */
export interface ClientDeps<Config> {
  config: Config;
  service: Service;
  transport: Transport;
  logger: Logger;
  /** Milliseconds since the epoch; injected so tests can move the clock. */
  now: () => number;
  /** The platform's own retry policies, as the server runs them (tests shorten the delays). */
  policies: Record<string, RetryPolicy>;
}

/** What every platform's tools share: the files, the log, and the upload record (opened on first use). */
export interface SharedToolDeps {
  files: FileAccess;
  logger: Logger;
  ledger(): Promise<UploadLedger>;
}

/** What a tool of a platform gets: its platform's client (or the error naming what to set), and the shared deps. */
export interface ToolContext<Client> extends SharedToolDeps {
  client(): Promise<Client>;
}

export type ToolRegistration<Client> = (server: McpServer, ctx: ToolContext<Client>) => void;

/**
 * Everything the server knows about one platform, in one place. Config, redaction, wiring, the tool
 * list, --help and doctor all iterate the platforms: a new one is a folder and a line in `index.ts`.
 */
export interface PlatformDescriptor<Config, Client> {
  id: string;
  service: Service;
  variables: readonly EnvVariable[];
  readConfig(env: Env): ConfigReading<Config>;
  /**
   * Loads the client's module on first use (an MCP client times the server's start, and a session lists
   * tools before it calls one): the one place a platform's code is loaded lazily.
   */
  createClient(deps: ClientDeps<Config>): Promise<Client>;
  tools: readonly ToolRegistration<Client>[];
  /** One harmless read-only call, for doctor, that proves the credentials work. */
  liveCheck(client: Client, config: Config): Promise<Finding>;
  retryPolicies: Record<string, RetryPolicy>;
}

export interface BindDeps {
  transport: Transport;
  logger: Logger;
  now: () => number;
  /** Applied to each of the platform's policies: tests shorten delays, doctor never retries. */
  retryPolicy: (policy: RetryPolicy) => RetryPolicy;
}

/** A platform with its configuration read and its dependencies bound. */
export interface BoundPlatform {
  id: string;
  label: string;
  reading: ConfigReading<unknown>;
  registerTools(server: McpServer, shared: SharedToolDeps): void;
  /** Undefined when the platform is not usable as configured. */
  liveCheck(): Promise<Finding> | undefined;
}

/** A platform as the rest of the server sees it: its types stay inside. */
export interface Platform {
  id: string;
  service: Service;
  variables: readonly EnvVariable[];
  /** The raw values of its secret variables, set or not valid: never shown anywhere. */
  secretsIn(env: Env): string[];
  bind(env: Env, deps: BindDeps): BoundPlatform;
}

export function definePlatform<Config, Client>(d: PlatformDescriptor<Config, Client>): Platform {
  return {
    id: d.id,
    service: d.service,
    variables: d.variables,
    secretsIn: (env) =>
      d.variables.flatMap((v) => (v.secret && env[v.name]?.trim() ? [env[v.name]!.trim()] : [])),
    bind(env, deps) {
      const reading = d.readConfig(env);
      const { setting } = reading;
      const policies = Object.fromEntries(
        Object.entries(d.retryPolicies).map(([name, policy]) => [name, deps.retryPolicy(policy)]),
      );
      let client: Promise<Client> | undefined;
      const clientOf = (config: Config) =>
        (client ??= d.createClient({ ...deps, config, service: d.service, policies }));
      return {
        id: d.id,
        label: d.service.label,
        reading,
        registerTools(server, shared) {
          const ctx: ToolContext<Client> = {
            ...shared,
            client: async () => {
              if (!setting.ok) throw new Error(setting.problem);
              return clientOf(setting.value);
            },
          };
          for (const register of d.tools) register(server, ctx);
        },
        liveCheck: () =>
          setting.ok ? clientOf(setting.value).then((c) => d.liveCheck(c, setting.value)) : undefined,
      };
    },
  };
}
