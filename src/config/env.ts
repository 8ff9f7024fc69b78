export type Env = Record<string, string | undefined>;

/** A variable as the server reads it: trimmed, and unset when empty. */
export function read(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

/** A positive integer id (partner or shop), or undefined. */
export function parseId(raw: string): number | undefined {
  return /^\d{1,15}$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined;
}

/** A base URL without its trailing slash, or the problem with it. */
export function readBaseUrl(raw: string, variable: string): string | { problem: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: `${variable} is not a valid URL ('${raw}')` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      problem: `${variable} must start with https:// (or http:// for a local emulator), got '${raw}'`,
    };
  }
  return url.toString().replace(/\/+$/, '');
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** Plain http is only fine on this machine (the emulator); elsewhere keys and tokens would cross in clear. */
export function isPlainHttpRemote(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'http:' && !LOOPBACK.test(parsed.hostname);
}
