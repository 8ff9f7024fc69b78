import type { IncomingHttpHeaders } from 'node:http';
import { BlockList, isIP } from 'node:net';
import {
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  validateHostHeader,
  validateOriginHeader,
} from '@modelcontextprotocol/server';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/** True for a listening host only this machine can reach: `localhost`, 127.0.0.0/8, `::1`. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare.toLowerCase() === 'localhost') return true;
  const family = isIP(bare);
  return family !== 0 && LOOPBACK.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Without tokens, anything that can reach the port may call the tools, so only this machine's own
 * programs may: a web page can still make a browser send requests to 127.0.0.1 (DNS rebinding, or a
 * plain cross-site POST), and such a request names a foreign Host or Origin. Undefined when the request
 * may proceed, else why not.
 */
export function localOnlyRefusal(headers: IncomingHttpHeaders): string | undefined {
  const host = validateHostHeader(headers.host, localhostAllowedHostnames());
  if (!host.ok) return `${host.message}: without MCP_HTTP_TOKENS only localhost may call this server.`;
  const origin = validateOriginHeader(headers.origin, localhostAllowedOrigins());
  if (!origin.ok)
    return `${origin.message}: without MCP_HTTP_TOKENS only localhost pages may call this server.`;
  return undefined;
}
