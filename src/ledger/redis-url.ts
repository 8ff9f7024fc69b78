/**
 * Checks LEDGER_URL and returns the form that may be shown (doctor, logs): the same URL without its
 * password. Errors never echo the value, since it may carry the password.
 */
export function redactRedisUrl(ledgerUrl: string): string {
  let url: URL;
  try {
    url = new URL(ledgerUrl);
  } catch {
    throw new TypeError('LEDGER_URL is not a URL: set it to redis://[user:password@]host:port[/db].');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new TypeError(
      `LEDGER_URL must start with redis:// or rediss:// (it starts with ${url.protocol}//): ` +
        'fix it, or unset it to keep the upload record in the state dir.',
    );
  }
  url.password = '';
  return url.href;
}
