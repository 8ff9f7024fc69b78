import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import type { Resolver } from '../../src/sources/guard.js';

export interface FakeResolver {
  resolve: Resolver;
  /** Every name asked for, in order: proves the guard ran in the connection's lookup. */
  asked: string[];
}

/**
 * Answers names from a table and nothing else: a name not in it fails as unknown, so a test never reaches
 * the real DNS, and the addresses it hands out are only ever used for a guard to refuse (or loopback).
 */
export function fakeResolver(table: Record<string, string | readonly string[]>): FakeResolver {
  const asked: string[] = [];
  const resolve: Resolver = async (hostname) => {
    asked.push(hostname);
    const answer = table[hostname];
    if (answer === undefined)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    const list = typeof answer === 'string' ? [answer] : answer;
    return list.map((address): LookupAddress => ({ address, family: isIP(address) }));
  };
  return { resolve, asked };
}
