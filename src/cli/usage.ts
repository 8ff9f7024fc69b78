/** A command line that cannot be run: the message says what is wrong and how to write it instead. */
export interface UsageError {
  kind: 'usage-error';
  message: string;
}

export const usageError = (message: string): UsageError => ({
  kind: 'usage-error',
  message: `${message} Run catalog-upload-mcp --help for usage.`,
});

export const unknownOption = (option: string): UsageError =>
  usageError(
    `Unknown option '${option}'. Folders are plain arguments (put -- before a folder whose name ` +
      'starts with a dash).',
  );
