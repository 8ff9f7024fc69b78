import type { CallToolResult } from '@modelcontextprotocol/server';

/** A tool answer: the structured result, a short text summary for the model, and whether it failed. */
export function toolResult(structured: object, summary: string, isError = false): CallToolResult {
  return {
    content: [{ type: 'text', text: summary }],
    structuredContent: { ...structured },
    ...(isError ? { isError: true } : {}),
  };
}
