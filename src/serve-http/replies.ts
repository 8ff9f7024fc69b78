import type { ServerResponse } from 'node:http';

/** A JSON answer with an exact length. */
export function replyJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

/**
 * A refusal in JSON-RPC's error shape (id null: the request was not read as a message), so an MCP
 * client shows the message instead of a bare status.
 */
export function refuse(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  replyJson(res, status, { jsonrpc: '2.0', error: { code: -32_000, message }, id: null }, headers);
}
