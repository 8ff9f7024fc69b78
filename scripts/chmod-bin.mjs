// npm sets the executable bit on install, but a bin run straight from a git checkout needs it too.
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);
