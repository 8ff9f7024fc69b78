export type Platform = 'Shopee' | 'TracePass';

/**
 * - `unreachable`: the request never left (connection refused, DNS, connect timeout): safe to resend.
 * - `network` / `timeout`: the connection broke or went quiet mid-request: the outcome is unknown.
 * - `cancelled`: the MCP client cancelled the call.
 * - `http`: the platform answered with a failure.
 */
export type FailureKind = 'unreachable' | 'network' | 'timeout' | 'cancelled' | 'http';

export interface UpstreamErrorInit {
  platform: Platform;
  kind: FailureKind;
  /** What happened and what to do next, for the agent. */
  message: string;
  status?: number;
  /** The platform's own error code (`error_sign`, or TracePass's error text). */
  code?: string;
  requestId?: string;
  cause?: unknown;
  /** Values to scrub from the message: keys, tokens, signatures. */
  secrets?: readonly string[];
}

const REDACTED = '[redacted]';

/** Replaces every secret, and anything that looks like a query-string signature or token, in `text`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(/([?&](?:sign|access_token)=)[^&\s"']+/gi, `$1${REDACTED}`)
    .replace(/(Bearer\s+)[^\s"']+/gi, `$1${REDACTED}`);
}

/** The one error every upstream failure becomes. Its message is redacted here, where it is built. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly platform: Platform;
  readonly kind: FailureKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly requestId: string | undefined;

  constructor(init: UpstreamErrorInit) {
    super(redact(init.message, init.secrets), { cause: init.cause });
    this.platform = init.platform;
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
  }

  /** True when the request may have reached the platform and been acted on. */
  get outcomeUnknown(): boolean {
    return (
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      (this.kind === 'http' && (this.status ?? 0) >= 500)
    );
  }
}
