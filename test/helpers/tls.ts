import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  /** PEM of the self-signed certificate: trust it as a CA (`ca`, or NODE_EXTRA_CA_CERTS=certPath). */
  cert: string;
  key: string;
  certPath: string;
  cleanup(): void;
}

/** The names the test certificate is valid for: loopback, and the fake names tests resolve themselves. */
export const TEST_CERT_NAMES = ['localhost', 'images.test', 'hop.test', 'evil.example'];

/**
 * A fresh self-signed certificate from the system's openssl, made per run so no key is committed and
 * none expires. Without openssl the suite fails with the package to install (it is in every Debian).
 */
export function makeTestCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'cum-tls-'));
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  const san = [...TEST_CERT_NAMES.map((n) => `DNS:${n}`), 'IP:127.0.0.1', 'IP:::1'].join(',');
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2']
        .concat(['-subj', '/CN=catalog-upload-mcp test', '-addext', `subjectAltName=${san}`])
        .concat(['-keyout', keyPath, '-out', certPath]),
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing ? 'openssl is not installed: apt-get install openssl' : `openssl failed: ${String(error)}`,
    );
  }
  return {
    cert: readFileSync(certPath, 'utf8'),
    key: readFileSync(keyPath, 'utf8'),
    certPath,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
