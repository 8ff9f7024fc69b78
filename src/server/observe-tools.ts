import type { CallToolResult, McpServer } from '@modelcontextprotocol/server';
import { failureLabel, type Observer } from './observer.js';

type Handler = (...args: unknown[]) => Promise<CallToolResult>;
type Register = (name: string, config: unknown, handler: Handler) => unknown;

/**
 * Reports every call of every tool registered on `server` from here on, so no tool carries its own
 * metrics code and a new tool is measured without being told. Handlers throw their failures (the SDK
 * turns them into isError results), so the error is seen here with its type, and passed on unchanged.
 */
export function observeTools(server: McpServer, observer: Observer): void {
  // Replaced on this one instance, which the factory has just built and nobody else holds yet.
  const register = server.registerTool.bind(server) as unknown as Register;
  const observed: Register = (name, config, handler) =>
    register(name, config, async (...args) => {
      const end = observer.toolCall(name);
      try {
        const result = await handler(...args);
        end(result.isError ? { outcome: 'error', failure: 'rejected' } : { outcome: 'ok' });
        return result;
      } catch (error) {
        end({ outcome: 'error', failure: failureLabel(error) });
        throw error;
      }
    });
  (server as unknown as { registerTool: Register }).registerTool = observed;
}
