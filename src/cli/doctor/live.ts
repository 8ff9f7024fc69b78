import { finding, type Finding } from '../../config/finding.js';
import { UpstreamError } from '../../http/errors.js';
import type { BoundPlatform } from '../../platforms/platform.js';

/**
 * One harmless read-only call through the same client the server uses (the platform's live check).
 * Nothing is retried, so a wrong setting shows at once; the error's own detail and fix fill the row.
 */
export async function liveFinding(platform: BoundPlatform): Promise<Finding> {
  const check = `${platform.label} API`;
  const pending = platform.liveCheck();
  if (pending === undefined) {
    const why = platform.reading.configured
      ? `not called: fix the ${platform.label} configuration rows first`
      : `not called: ${platform.label} is not configured`;
    return finding(check, 'skip', why);
  }
  try {
    return await pending;
  } catch (error) {
    if (error instanceof UpstreamError) return finding(check, 'fail', error.detail, error.fix);
    return finding(check, 'fail', (error as Error).message, 'fix what it names and run doctor again.');
  }
}
