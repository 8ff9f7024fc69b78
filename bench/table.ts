import type { Row } from './report.js';

const HEADER = ['measure', 'this server (median)', 'baseline (median)', 'ratio', 'target', 'met'];

const cell = (text: string) => text.replaceAll('|', '\\|');

function verdict(row: Row): string {
  if (row.met === undefined) return '—';
  return row.met ? 'yes' : '**no**';
}

/** The results as a GitHub markdown table. */
export function markdownTable(rows: readonly Row[]): string {
  const lines = rows.map((row) =>
    [row.measure, row.ours, row.baseline, row.ratio, row.target, verdict(row)].map(cell),
  );
  return [HEADER, HEADER.map(() => '---'), ...lines].map((line) => `| ${line.join(' | ')} |`).join('\n');
}
