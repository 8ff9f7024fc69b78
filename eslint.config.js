import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bench-build/', '.bench-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // stdout is the MCP channel: server code must never print to it.
    files: ['src/**/*.ts'],
    ignores: ['src/demo/**', 'src/emulator/cli.ts', 'src/cli/commands.ts'],
    rules: { 'no-console': ['error', { allow: ['error'] }] },
  },
);
