import { promises as dns, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { nonPublicRange } from './address.js';

/**
 * `true`: any address (URL_ALLOW_PRIVATE=1). `false`: public addresses only. A list: public addresses,
 * plus any address for exactly these host names (lower-case, as the URL parser writes them).
 */
export type AllowPrivate = boolean | readonly string[];

/** Name to addresses; the system resolver unless a test or embedder injects another. */
export type Resolver = (hostname: string, family: 0 | 4 | 6) => Promise<readonly LookupAddress[]>;

const systemResolver: Resolver = (hostname, family) => dns.lookup(hostname, { all: true, family });

/** A host that is, or resolved to, a non-public address: raised before any connection is made. */
export class AddressRefusal extends Error {
  override readonly name = 'AddressRefusal';
  constructor(
    readonly hostname: string,
    /** e.g. "a private address"; the address itself stays out of messages (it maps the network). */
    readonly range: string,
    readonly literal: boolean,
  ) {
    super(`${hostname} ${literal ? 'is' : 'resolves to'} ${range}`);
  }
}

/** The host as net.connect sees it: IPv6 literals lose the URL's brackets. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function allows(allow: AllowPrivate, hostname: string): boolean {
  return allow === true || (Array.isArray(allow) && allow.includes(hostname));
}

/**
 * The refusal for an IP-literal host (`https://127.0.0.1/`, `https://[::1]/`; the URL parser has already
 * turned decimal, octal and hex forms into dotted quads). net.connect skips the lookup for IP literals,
 * so the guarded lookup never sees them: this check is their only gate.
 */
export function literalHostRefusal(hostname: string, allow: AllowPrivate): AddressRefusal | undefined {
  const host = bareHost(hostname);
  if (isIP(host) === 0 || allows(allow, hostname)) return undefined;
  const range = nonPublicRange(host);
  return range === undefined ? undefined : new AddressRefusal(hostname, range, true);
}

async function checkedAddresses(
  hostname: string,
  family: 0 | 4 | 6,
  allow: AllowPrivate,
  resolve: Resolver,
): Promise<LookupAddress[]> {
  const addresses = [...(await resolve(hostname, family))];
  if (addresses.length === 0) {
    throw Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
  }
  if (allows(allow, hostname)) return addresses;
  for (const { address } of addresses) {
    const range = nonPublicRange(address);
    if (range !== undefined) throw new AddressRefusal(hostname, range, false);
  }
  return addresses;
}

/**
 * A `lookup` for net/tls.connect that refuses names resolving to non-public addresses. It runs inside
 * the connection attempt, so the addresses it passes on are the only ones the socket can connect to: no
 * window for a second, different DNS answer (rebinding) between a check and the connect. Every address
 * of the answer is checked, because with autoSelectFamily the socket may try any of them.
 */
export function guardedLookup(allow: AllowPrivate, resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    const family =
      options.family === 4 || options.family === 'IPv4'
        ? 4
        : options.family === 6 || options.family === 'IPv6'
          ? 6
          : 0;
    checkedAddresses(hostname, family, allow, resolve).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
