import { finding, type Finding } from '../../config/finding.js';
import type { TracePassClient } from './client.js';

/** `GET /api/v1/products?limit=1`: proves the key and the host without changing anything. */
export async function tracepassLiveCheck(client: TracePassClient): Promise<Finding> {
  await client.listProducts(1);
  return finding(
    'TracePass API',
    'ok',
    'GET /api/v1/products?limit=1 accepted the key (read access; write access is checked on the first upload)',
  );
}
