import { BatchRefusal, FileRefusal } from '../files/refusal.js';
import { UpstreamError, type FailureKind } from '../http/errors.js';
import type { UpstreamAnswer } from '../http/transport.js';
import { LedgerBusyError } from '../ledger/errors.js';

/**
 * Why a call failed, in a handful of stable words an operator can alert on: the upstream failure kinds,
 * `refusal` (a file the server would not read), `busy` (the upload record stayed locked), `rejected`
 * (the platform answered but took nothing), `other`.
 */
export type FailureLabel = FailureKind | 'refusal' | 'busy' | 'rejected' | 'other';

export interface CallEnding {
  outcome: 'ok' | 'error';
  failure?: FailureLabel;
}

/**
 * What the server reports about its own work, for metrics. The server calls it from two places only:
 * around every tool handler (server/observe-tools.ts) and after every upstream answer (the transport).
 */
export interface Observer {
  /** A call started; the returned function is called once, when it ends. */
  toolCall(tool: string): (ending: CallEnding) => void;
  upstreamAnswer(answer: UpstreamAnswer): void;
}

export function failureLabel(error: unknown): FailureLabel {
  if (error instanceof UpstreamError) return error.kind;
  if (error instanceof FileRefusal || error instanceof BatchRefusal) return 'refusal';
  if (error instanceof LedgerBusyError) return 'busy';
  return 'other';
}
