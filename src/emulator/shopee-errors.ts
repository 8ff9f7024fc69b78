import { randomBytes } from 'node:crypto';
import { jsonReply, type Reply } from './respond.js';

export type ErrorStatusMode = 'http' | 200;

const HTTP_STATUS: Record<string, number> = {
  error_param: 400,
  error_auth: 403,
  error_sign: 403,
  error_not_found: 404,
  error_rate_limit: 429,
  error_limit: 429,
  error_server: 500,
  error_network: 500,
};

export function requestId(): string {
  return randomBytes(16).toString('hex');
}

export function shopeeErrorStatus(error: string, mode: ErrorStatusMode): number {
  return mode === 200 ? 200 : (HTTP_STATUS[error] ?? 400);
}

/** `status` overrides the mode, for faults that ask for a specific one. */
export function shopeeError(error: string, message: string, mode: ErrorStatusMode, status?: number): Reply {
  return jsonReply(
    status ?? shopeeErrorStatus(error, mode),
    { request_id: requestId(), error, message },
    error,
  );
}

export function wrongParameters(detail: string, mode: ErrorStatusMode): Reply {
  return shopeeError('error_param', `Wrong parameters, detail: ${detail}.`, mode);
}
