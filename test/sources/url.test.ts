import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/sources/index.js';
import { isHttpsSource, parseSourceUrl, redirectTarget } from '../../src/sources/url.js';

const refused = (input: string, allow: boolean | string[] = false) => {
  try {
    parseSourceUrl(input, allow);
  } catch (error) {
    if (error instanceof SourceError) return { kind: error.kind, message: error.message };
    throw error;
  }
  return undefined;
};

describe('IP-literal hosts, refused before any connection', () => {
  it.each([
    ['https://127.0.0.1/a.png', '127.0.0.1 is a loopback address'],
    ['https://[::1]/a.png', '[::1] is a loopback address'],
    ['https://10.0.0.1/a.png', '10.0.0.1 is a private address'],
    ['https://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address'],
    ['https://100.64.0.1/a.png', '100.64.0.1 is a carrier-grade NAT (100.64.0.0/10) address'],
    ['https://[::ffff:127.0.0.1]/a.png', '[::ffff:7f00:1] is a loopback address'],
    ['https://[::ffff:a00:1]/a.png', '[::ffff:a00:1] is a private address'],
    ['https://[fd00::1]/a.png', '[fd00::1] is a private (unique-local) address'],
    ['https://0.0.0.0/a.png', '0.0.0.0 is an unspecified address'],
    // The URL parser turns these spellings into dotted quads before the check sees them.
    ['https://2130706433/a.png', '127.0.0.1 is a loopback address'],
    ['https://0x7f.1/a.png', '127.0.0.1 is a loopback address'],
    ['https://0177.0.0.1/a.png', '127.0.0.1 is a loopback address'],
    ['https://0x7f000001/a.png', '127.0.0.1 is a loopback address'],
    ['https://127.1/a.png', '127.0.0.1 is a loopback address'],
    ['https://167772161/a.png', '10.0.0.1 is a private address'],
    ['https://0/a.png', '0.0.0.0 is an unspecified address'],
  ])('%s', (input, reason) => {
    const got = refused(input);
    expect(got?.kind).toBe('address');
    expect(got?.message).toContain(reason);
    expect(got?.message).toContain('set URL_ALLOW_PRIVATE=1');
  });

  it('lets literal addresses through when private addresses are allowed, or that host is', () => {
    expect(refused('https://127.0.0.1/a.png', true)).toBeUndefined();
    expect(refused('https://[::1]/a.png', ['[::1]'])).toBeUndefined();
    expect(refused('https://127.0.0.1/a.png', ['images.test'])?.kind).toBe('address');
    expect(refused('https://8.8.8.8/a.png')).toBeUndefined();
  });
});

describe('what is not an https URL', () => {
  it('refuses http:// and names what is accepted', () => {
    const got = refused('http://images.example/a.png');
    expect(got?.kind).toBe('scheme');
    expect(got?.message).toBe(
      'Cannot download "http://images.example/a.png": it is not an https:// URL; only https:// is downloaded ' +
        '(encrypted, so nobody on the way can swap the image). Nothing was uploaded. ' +
        "Give the image's https:// address, or put the file in an allowed folder and give its path.",
    );
  });

  it('refuses other schemes and malformed URLs', () => {
    expect(refused('ftp://images.example/a.png')?.kind).toBe('scheme');
    expect(refused('https://')?.kind).toBe('url');
    expect(refused('https://[::1/a.png')?.kind).toBe('url');
  });

  it('refuses credentials in the URL without echoing them, nor the query string', () => {
    const got = refused('https://alice:s3cret@images.example/a.png?token=abc123');
    expect(got?.kind).toBe('url');
    expect(got?.message).toContain('"https://images.example/a.png"');
    expect(got?.message).not.toMatch(/s3cret|alice|abc123/);
  });

  it('knows a source from a path by its scheme, in any case', () => {
    expect(isHttpsSource('HTTPS://images.example/a.png')).toBe(true);
    expect(isHttpsSource('https:/images.example')).toBe(false);
    expect(isHttpsSource('/data/https://x.png')).toBe(false);
  });
});

describe('redirect targets', () => {
  const from = new URL('https://images.test/start');
  const given = new URL('https://images.test/given?sig=secret');
  const hop = (location: string | undefined) => {
    try {
      return redirectTarget(location, from, given, ['images.test']).href;
    } catch (error) {
      return `${(error as SourceError).kind}: ${(error as SourceError).message}`;
    }
  };

  it('resolves a relative Location against the hop it came from', () => {
    expect(hop('/next.png')).toBe('https://images.test/next.png');
  });

  it('refuses a hop to http:// or to a literal private address, naming the given URL and the hop', () => {
    expect(hop('http://images.test/a.png')).toMatch(
      /^scheme: Cannot download "https:\/\/images.test\/given": it redirects to http:\/\/images.test\/a.png, which is not an https:\/\/ URL/,
    );
    expect(hop('https://169.254.169.254/')).toMatch(
      /^address: .*it redirects to https:\/\/169.254.169.254\/, and 169.254.169.254 is a link-local address/,
    );
  });

  it('refuses a redirect without a usable Location', () => {
    expect(hop(undefined)).toMatch(/^redirect: .*redirect without a valid Location/);
    expect(hop('https://[::1')).toMatch(/^redirect: /);
  });
});
