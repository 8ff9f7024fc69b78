import type { LookupAddress, LookupOptions } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { AddressRefusal, guardedLookup, type AllowPrivate } from '../../src/sources/guard.js';
import { fakeResolver } from '../helpers/fake-resolver.js';

// The lookup is only called here, never given to a socket: these answers are never connected to.
const dns = fakeResolver({
  'public.example': '93.184.215.14',
  'evil.example': '10.0.0.1',
  'mixed.example': ['93.184.215.14', '10.0.0.1'],
  'mapped.example': '::ffff:127.0.0.1',
  'both.example': ['2606:4700::1111', '93.184.215.14'],
});

type Answer = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };

const lookup = (hostname: string, options: LookupOptions, allow: AllowPrivate = false) =>
  new Promise<Answer>((resolve) =>
    guardedLookup(allow, dns.resolve)(hostname, options, (error, address, family) =>
      resolve({ error, address, family }),
    ),
  );

describe('guardedLookup (the connection-time address check)', () => {
  it('passes public answers on in the shape the socket asked for', async () => {
    expect(await lookup('public.example', {})).toEqual({ error: null, address: '93.184.215.14', family: 4 });
    expect(await lookup('both.example', { all: true })).toEqual({
      error: null,
      address: [
        { address: '2606:4700::1111', family: 6 },
        { address: '93.184.215.14', family: 4 },
      ],
      family: undefined,
    });
  });

  it.each(['evil.example', 'mapped.example'])(
    'refuses %s, which resolves to a non-public address',
    async (name) => {
      const { error } = await lookup(name, { all: true });
      expect(error).toBeInstanceOf(AddressRefusal);
      expect(error?.message).toMatch(new RegExp(`^${name} resolves to a (private|loopback) address$`));
    },
  );

  it('refuses an answer with any non-public address, even after a public one (the socket may try each)', async () => {
    const { error } = await lookup('mixed.example', { all: true });
    expect(error?.message).toBe('mixed.example resolves to a private address');
  });

  it('never names the resolved private address', async () => {
    const { error } = await lookup('evil.example', {});
    expect(error?.message).not.toContain('10.0.0.1');
  });

  it('lets private answers through when allowed, for every host or for the named one only', async () => {
    expect((await lookup('evil.example', {}, true)).address).toBe('10.0.0.1');
    expect((await lookup('evil.example', {}, ['evil.example'])).address).toBe('10.0.0.1');
    expect((await lookup('evil.example', {}, ['other.example'])).error).toBeInstanceOf(AddressRefusal);
  });

  it('passes resolver failures on unchanged', async () => {
    const { error } = await lookup('unknown.example', {});
    expect(error?.code).toBe('ENOTFOUND');
  });
});
