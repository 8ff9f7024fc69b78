import type { ClientOptions } from '@modelcontextprotocol/client';

/** How a client of each protocol era opens a connection. */
export interface Era {
  revision: '2025-11-25' | '2026-07-28';
  /** The opening exchange, for the report. */
  opening: 'initialize' | 'discover';
  client: ClientOptions;
}

export const ERAS: readonly Era[] = [
  { revision: '2025-11-25', opening: 'initialize', client: {} },
  {
    revision: '2026-07-28',
    opening: 'discover',
    client: { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  },
];

export const eraLabel = (era: Era) => `${era.revision} (${era.opening})`;
