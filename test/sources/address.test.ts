import { describe, expect, it } from 'vitest';
import { nonPublicRange } from '../../src/sources/address.js';

describe('nonPublicRange', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.255.254', 'a loopback address'],
    ['10.0.0.1', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['169.254.169.254', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT (100.64.0.0/10) address'],
    ['100.127.255.255', 'a carrier-grade NAT (100.64.0.0/10) address'],
    ['0.0.0.0', 'an unspecified address'],
    ['0.1.2.3', 'an unspecified address'],
    ['224.0.0.1', 'a multicast address'],
    ['255.255.255.255', 'a broadcast address'],
    ['192.0.2.1', 'a reserved address'],
    ['240.0.0.1', 'a reserved address'],
    ['::1', 'a loopback address'],
    ['::', 'an unspecified address'],
    ['fe80::1', 'a link-local address'],
    ['fc00::1', 'a private (unique-local) address'],
    ['fd12:3456::1', 'a private (unique-local) address'],
    ['fec0::1', 'a private (site-local) address'],
    ['ff02::1', 'a multicast address'],
    // IPv4-mapped IPv6 is judged as the IPv4 address it maps to.
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['::ffff:a00:1', 'a private address'],
    ['::ffff:169.254.169.254', 'a link-local address'],
    // NAT64 and 6to4 reach the IPv4 address they embed.
    ['64:ff9b::a00:1', 'a private address'],
    ['2002:7f00:1::', 'a loopback address'],
    // Tunnels and documentation ranges with no public use.
    ['2001::1', 'a special-purpose address'],
    ['2001:db8::1', 'a reserved address'],
  ])('refuses %s as %s', (ip, label) => {
    expect(nonPublicRange(ip)).toBe(label);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::',
  ])('lets the public address %s through', (ip) => {
    expect(nonPublicRange(ip)).toBeUndefined();
  });

  it('refuses what is not an address at all', () => {
    expect(nonPublicRange('example.com')).toBe('not an IP address');
  });
});
