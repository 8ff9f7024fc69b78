import type { CallToolResult } from '@modelcontextprotocol/server';
import type { z } from 'zod';

/**
 * A tool answer: the structured result (typed against the tool's output schema, which the SDK also
 * checks on the way out), a short text summary for the model, and whether it failed.
 */
export function toolResult<Schema extends z.ZodType<object>>(
  _schema: Schema,
  structured: z.input<Schema>,
  summary: string,
  isError = false,
): CallToolResult {
  return {
    content: [{ type: 'text', text: summary }],
    structuredContent: { ...(structured as Record<string, unknown>) },
    ...(isError ? { isError: true } : {}),
  };
}
