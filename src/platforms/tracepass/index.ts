import { registerTracePassDeleteImage } from '../../tools/tracepass-delete-image.js';
import { registerTracePassListImages } from '../../tools/tracepass-list-images.js';
import { registerTracePassUploadImage } from '../../tools/tracepass-upload-image.js';
import { definePlatform } from '../platform.js';
import { readTracePassConfig } from './config.js';
import { tracepassLiveCheck } from './live.js';
import { TRACEPASS_POLICIES } from './policy.js';

/** TracePass digital product passports: product images, Bearer auth, no idempotency key. */
export const tracepass = definePlatform({
  id: 'tracepass',
  service: { label: 'TracePass', addressVariables: 'TRACEPASS_BASE_URL' },
  variables: [
    { name: 'TRACEPASS_API_KEY', help: 'tp_… API key or OAuth access token', secret: true },
    { name: 'TRACEPASS_BASE_URL', help: 'default https://app.tracepass.eu' },
  ],
  readConfig: readTracePassConfig,
  createClient: async (deps) => (await import('./client.js')).createTracePassClient(deps),
  tools: [registerTracePassUploadImage, registerTracePassDeleteImage, registerTracePassListImages],
  liveCheck: tracepassLiveCheck,
  retryPolicies: TRACEPASS_POLICIES,
});
