import { spawn } from 'node:child_process';
import { signShopee } from '../src/platforms/shopee/sign.js';

export const SHOPEE_UPLOAD_PATH = '/api/v2/media_space/upload_image';

/** One curl process, timed from spawn to exit; its stdout (the answer body) is returned to be checked. */
export function runCurl(args: readonly string[]): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('curl', ['--silent', '--show-error', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new Error(`could not run curl: ${error.message}`)));
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, stdout: Buffer.concat(out).toString() });
      else reject(new Error(`curl exited with ${code}: ${Buffer.concat(err).toString().trim()}`));
    });
  });
}

/** The same signed URL the server computes: partner_id, a fresh timestamp and the HMAC sign. */
export function signedShopeeUploadUrl(env: Record<string, string>): string {
  const partnerId = Number(env.SHOPEE_PARTNER_ID);
  const timestamp = Math.floor(Date.now() / 1000);
  const sign = signShopee({
    partnerId,
    path: SHOPEE_UPLOAD_PATH,
    timestamp,
    partnerKey: env.SHOPEE_PARTNER_KEY ?? '',
  });
  const query = new URLSearchParams({ partner_id: String(partnerId), timestamp: String(timestamp), sign });
  return `${env.SHOPEE_BASE_URL}${SHOPEE_UPLOAD_PATH}?${query}`;
}

/** `-F name=@path;type=image/png`, as a shell user writes it. */
export const filePart = (name: string, path: string) => ['-F', `${name}=@${path};type=image/png`];
