import { isPlainHttpRemote, read, readBaseUrl, type Env } from '../../config/env.js';
import { described, finding, settle, type ConfigReading, type Finding } from '../../config/finding.js';

export const TRACEPASS_DEFAULT_BASE_URL = 'https://app.tracepass.eu';

export interface TracePassConfig {
  apiKey: string;
  baseUrl: string;
}

const NOT_CONFIGURED =
  'TracePass is not configured: set TRACEPASS_API_KEY (a tp_… API key from Developer → API Keys, ' +
  "or an OAuth access token) in the MCP server's environment.";

function host(raw: string | undefined): { finding: Finding; baseUrl?: string } {
  const parsed = readBaseUrl(raw ?? TRACEPASS_DEFAULT_BASE_URL, 'TRACEPASS_BASE_URL');
  if (typeof parsed !== 'string') {
    const fix = `set TRACEPASS_BASE_URL to the API origin, or unset it for ${TRACEPASS_DEFAULT_BASE_URL}.`;
    return { finding: finding('TracePass host', 'fail', parsed.problem, fix) };
  }
  if (isPlainHttpRemote(parsed)) {
    const detail = `${parsed} uses plain http to another machine: the API key would cross the network in clear`;
    const fix = 'use https:// (plain http is meant for the local emulator).';
    return { finding: finding('TracePass host', 'warn', detail, fix), baseUrl: parsed };
  }
  const detail = raw ? `${parsed} (TRACEPASS_BASE_URL)` : `${parsed} (the default)`;
  return { finding: finding('TracePass host', 'ok', detail), baseUrl: parsed };
}

/** Reads the TracePass variables: the config the server uses, and what doctor shows about each. */
export function readTracePassConfig(env: Env): ConfigReading<TracePassConfig> {
  const apiKey = read(env, 'TRACEPASS_API_KEY');
  if (!apiKey) {
    const detail =
      'not configured: tracepass_upload_image, tracepass_delete_image and tracepass_list_images will refuse every call';
    const fix =
      'to use TracePass, set TRACEPASS_API_KEY (a tp_… key from Developer → API Keys in TracePass).';
    return settle(
      [finding('TracePass API key', 'warn', detail, fix)],
      false,
      () => undefined as never,
      NOT_CONFIGURED,
    );
  }
  const kind = apiKey.startsWith('tp_') ? 'tp_ API key' : 'not tp_…, so taken as an OAuth access token';
  const where = host(read(env, 'TRACEPASS_BASE_URL'));
  const findings = [finding('TracePass API key', 'ok', `${described(apiKey)}; ${kind}`), where.finding];
  return settle(findings, true, () => ({ apiKey, baseUrl: where.baseUrl! }), NOT_CONFIGURED);
}
