import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folders files may be read from: the ones given on the command line plus the ones the MCP client
 * announces. The client's list replaces its previous list but never removes the configured ones.
 */
export class AllowedRoots {
  private readonly configured: string[];
  private client: string[] = [];
  private pending: Promise<unknown> = Promise.resolve();

  constructor(configured: readonly string[]) {
    this.configured = configured.map((dir) => resolve(dir));
  }

  /** Replace the client's roots with the `file://` URIs of a `roots/list` answer; other schemes are ignored. */
  setClientRoots(uris: readonly string[]): void {
    this.client = uris.flatMap((uri) => {
      try {
        return uri.startsWith('file:') ? [fileURLToPath(uri)] : [];
      } catch {
        return [];
      }
    });
  }

  /** Lets a tool call that races a `roots/list` request wait for its answer. */
  track(refresh: Promise<unknown>): void {
    this.pending = refresh.catch(() => undefined);
  }

  /** Every root as given (for messages), deduplicated, configured ones first. */
  async list(): Promise<string[]> {
    await this.pending;
    return [...new Set([...this.configured, ...this.client])];
  }

  /** Real paths of the roots that exist now; a root that is missing or unreadable admits nothing. */
  async realRoots(): Promise<string[]> {
    const real = await Promise.all((await this.list()).map((root) => realpath(root).catch(() => undefined)));
    return [...new Set(real.filter((root): root is string => root !== undefined))];
  }
}
