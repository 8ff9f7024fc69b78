export type Env = Record<string, string | undefined>;

/** A variable as `loadConfig` reads it: trimmed, and unset when empty. */
export function read(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** Plain http is only fine on this machine (the emulator); elsewhere keys and tokens would cross in clear. */
export function isPlainHttpRemote(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'http:' && !LOOPBACK.test(parsed.hostname);
}
