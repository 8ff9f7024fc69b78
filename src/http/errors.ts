/**
 * - `unreachable`: the request never left (connection refused, DNS, connect timeout): safe to resend.
 * - `network` / `timeout`: the connection broke or went quiet mid-request: the outcome is unknown.
 * - `oversize`: the answer was larger than any real answer, so it was not read: the outcome is unknown.
 * - `cancelled`: the MCP client cancelled the call.
 * - `http`: the platform answered with a failure.
 */
export type FailureKind = 'unreachable' | 'network' | 'timeout' | 'oversize' | 'cancelled' | 'http';

export interface UpstreamErrorInit {
  /** The platform's name, for people: "Shopee". */
  platform: string;
  kind: FailureKind;
  /** What happened. Any upstream text in it went through `quote` and redaction. */
  detail: string;
  /** What to do about it. */
  fix: string;
  status?: number;
  /** The platform's own error code (`error_sign`, or TracePass's error text). */
  code?: string;
  requestId?: string;
  cause?: unknown;
}

/** The one error every upstream failure becomes: what happened (`detail`) and what to do (`fix`). */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly platform: string;
  readonly kind: FailureKind;
  readonly detail: string;
  readonly fix: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly requestId: string | undefined;

  constructor(init: UpstreamErrorInit) {
    super(`${init.detail} ${init.fix}`, { cause: init.cause });
    this.platform = init.platform;
    this.kind = init.kind;
    this.detail = init.detail;
    this.fix = init.fix;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
  }

  /** The same failure, said differently: a protocol above the transport knows more about what it means. */
  restated(change: Partial<Pick<UpstreamErrorInit, 'detail' | 'fix'>>): UpstreamError {
    return new UpstreamError({
      ...this,
      detail: change.detail ?? this.detail,
      fix: change.fix ?? this.fix,
      cause: this,
    });
  }

  /** True when the request may have reached the platform and been acted on. */
  get outcomeUnknown(): boolean {
    return (
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      this.kind === 'oversize' ||
      (this.kind === 'http' && (this.status ?? 0) >= 500)
    );
  }
}

/** Longest stretch of upstream text shown inside a message. */
export const QUOTE_MAX_CHARS = 300;

/**
 * Upstream text inside our own words: quoted, on one line and cut short, so an answer cannot pass for
 * the server's own instructions or flood the agent's context.
 */
export function quote(text: string): string {
  const line = text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
  const cut = line.length > QUOTE_MAX_CHARS ? `${line.slice(0, QUOTE_MAX_CHARS)}…` : line;
  return JSON.stringify(cut);
}
