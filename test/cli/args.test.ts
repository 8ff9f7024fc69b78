import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/args.js';
import { renderTable, wrap } from '../../src/cli/table.js';

describe('parseCommand', () => {
  it.each([
    [[], { kind: 'serve', roots: [] }],
    [['/imgs', 'more'], { kind: 'serve', roots: ['/imgs', 'more'] }],
    [['doctor'], { kind: 'doctor', roots: [] }],
    [['doctor', '/imgs'], { kind: 'doctor', roots: ['/imgs'] }],
    [['--help'], { kind: 'help' }],
    [['-h'], { kind: 'help' }],
    [['doctor', '--help'], { kind: 'help' }],
    [['--version'], { kind: 'version' }],
    [['-v'], { kind: 'version' }],
    [['--', 'doctor', '-odd'], { kind: 'serve', roots: ['doctor', '-odd'] }],
    [['doctor', '--', '--help'], { kind: 'doctor', roots: ['--help'] }],
  ])('reads %j', (argv, command) => {
    expect(parseCommand(argv)).toEqual(command);
  });

  it('refuses an unknown option and says how to pass an odd folder name', () => {
    expect(parseCommand(['/imgs', '--verbose'])).toEqual({
      kind: 'usage-error',
      message: expect.stringMatching(/^Unknown option '--verbose'\. .*put -- before a folder.*--help/),
    });
  });
});

describe('the doctor table', () => {
  it('wraps at spaces and keeps words whole', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrap('', 10)).toEqual(['']);
  });

  it('aligns the columns and puts the fix under a failing row only', () => {
    const text = renderTable(
      [
        { check: 'A', status: 'ok', detail: 'fine', fix: 'never shown' },
        { check: 'Longer check', status: 'fail', detail: 'broken', fix: 'mend it.' },
        { check: 'B', status: 'skip', detail: 'not called' },
      ],
      60,
    );
    expect(text.split('\n')).toEqual([
      'CHECK         STATUS  DETAIL',
      'A             ok      fine',
      'Longer check  FAIL    broken',
      '                      fix: Mend it.',
      'B             skip    not called',
    ]);
  });
});
