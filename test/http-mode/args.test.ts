import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/args.js';

describe('parseCommand: http', () => {
  it.each([
    [['http'], { host: '127.0.0.1', port: 8787, roots: [] }],
    [['http', '/imgs', 'more'], { host: '127.0.0.1', port: 8787, roots: ['/imgs', 'more'] }],
    [
      ['http', '--host', '0.0.0.0', '--port', '9000', '/imgs'],
      { host: '0.0.0.0', port: 9000, roots: ['/imgs'] },
    ],
    [['http', '--port=0', '--host=::1'], { host: '::1', port: 0, roots: [] }],
    [['http', '--port', '65535'], { host: '127.0.0.1', port: 65535, roots: [] }],
    [
      ['http', '/a', '--', '--port', 'http'],
      { host: '127.0.0.1', port: 8787, roots: ['/a', '--port', 'http'] },
    ],
  ])('reads %j', (argv, expected) => {
    expect(parseCommand(argv)).toEqual({ kind: 'http', ...expected });
  });

  it('keeps a folder named http when -- comes first, as it does for doctor', () => {
    expect(parseCommand(['--', 'http'])).toEqual({ kind: 'serve', roots: ['http'] });
  });

  it.each([
    [['http', '--port', '65536'], /^--port '65536' is not a port: give a whole number from 0 to 65535/],
    [['http', '--port', '-1'], /^--port '-1' is not a port/],
    [['http', '--port', '80.5'], /^--port '80.5' is not a port/],
    [['http', '--port'], /^--port needs a value, e\.g\. --port 8787\./],
    [['http', '--host='], /^--host needs a value, e\.g\. --host 0\.0\.0\.0\./],
    [['http', '--verbose'], /^Unknown option '--verbose'\. .*put -- before a folder/],
  ])('refuses %j saying what to write', (argv, message) => {
    const command = parseCommand(argv);
    expect(command).toEqual({ kind: 'usage-error', message: expect.stringMatching(message) });
    expect(command.kind === 'usage-error' && command.message).toMatch(
      /Run catalog-upload-mcp --help for usage\.$/,
    );
  });

  it('still shows help for http --help', () => {
    expect(parseCommand(['http', '--help'])).toEqual({ kind: 'help' });
  });
});
