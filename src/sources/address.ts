import ipaddr from 'ipaddr.js';

/** How each non-public range is named in refusals: what it is, not where it points. */
const RANGE_LABEL: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT (100.64.0.0/10) address',
  private: 'a private address',
  uniqueLocal: 'a private (unique-local) address',
  deprecatedSiteLocal: 'a private (site-local) address',
  reserved: 'a reserved address',
};
const SPECIAL = 'a special-purpose address';

// NAT64 (RFC 6052) and 6to4 (RFC 3056) carry an IPv4 address inside: the IPv4 one is where the packets go.
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');

function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const bytes = address.toByteArray();
  if (address.match(NAT64)) return ipaddr.fromByteArray(bytes.slice(12)) as ipaddr.IPv4;
  if (address.range() === '6to4') return ipaddr.fromByteArray(bytes.slice(2, 6)) as ipaddr.IPv4;
  return undefined;
}

/**
 * Why `ip` is not a public address, or `undefined` when it is. Only ipaddr.js's plain `unicast` range is
 * public; everything else it names (loopback, private, link-local, CGNAT, multicast, unspecified,
 * reserved, Teredo, benchmarking, …) is refused. IPv4-mapped IPv6 is judged as the IPv4 it maps to.
 */
export function nonPublicRange(ip: string): string | undefined {
  if (!ipaddr.isValid(ip)) return 'not an IP address';
  // process() turns ::ffff:a.b.c.d into a.b.c.d.
  const address = ipaddr.process(ip);
  const inner = address.kind() === 'ipv6' ? embeddedIPv4(address as ipaddr.IPv6) : undefined;
  if (inner) return nonPublicRange(inner.toString());
  const range = address.range();
  if (range === 'unicast') return undefined;
  return RANGE_LABEL[range] ?? SPECIAL;
}
