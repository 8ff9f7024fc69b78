import type { Finding as Row, Status } from '../config/finding.js';

const LABEL: Record<Status, string> = { ok: 'ok', warn: 'WARN', fail: 'FAIL', skip: 'skip' };

/** Splits text into lines of at most `width` characters, at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/**
 * A plain-text table: CHECK, STATUS, DETAIL, with the fix on its own lines under a failing row's detail.
 * Plain ASCII and spaces only, so it reads the same in any terminal, log file or issue.
 */
export function renderTable(rows: readonly Row[], width = 100): string {
  const checkWidth = Math.max('CHECK'.length, ...rows.map((r) => r.check.length));
  const statusWidth = 6;
  const indent = checkWidth + 2 + statusWidth + 2;
  const detailWidth = Math.max(30, width - indent);
  const pad = ' '.repeat(indent);
  const out = [`${'CHECK'.padEnd(checkWidth)}  ${'STATUS'.padEnd(statusWidth)}  DETAIL`];
  for (const r of rows) {
    const [first = '', ...more] = wrap(r.detail, detailWidth);
    out.push(`${r.check.padEnd(checkWidth)}  ${LABEL[r.status].padEnd(statusWidth)}  ${first}`.trimEnd());
    for (const line of more) out.push(pad + line);
    if (r.fix !== undefined && (r.status === 'fail' || r.status === 'warn')) {
      const fix = r.fix.charAt(0).toUpperCase() + r.fix.slice(1);
      const [head = '', ...tail] = wrap(fix, detailWidth - 5);
      out.push(`${pad}fix: ${head}`);
      for (const line of tail) out.push(`${pad}     ${line}`);
    }
  }
  return out.join('\n');
}
