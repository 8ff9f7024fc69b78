export {
  downloadHttpsSource,
  MAX_REDIRECTS,
  type DownloadOptions,
  type DownloadedSource,
} from './download.js';
export { SourceError, type SourceFailure } from './errors.js';
export type { AllowPrivate, Resolver } from './guard.js';
export { isHttpsSource } from './url.js';
