import { createRequire } from 'node:module';

// Read at run time so the version is never out of step with package.json (src/ and dist/ both sit one level down).
const pkg = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };

export const NAME = pkg.name;
export const VERSION = pkg.version;
