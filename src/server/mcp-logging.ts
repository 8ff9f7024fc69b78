import type { Server } from '@modelcontextprotocol/server';
import { atLeast, type Level, type LogSink } from '../logging.js';

/**
 * A log sink that sends MCP `notifications/message` once the client has asked for logs with
 * `logging/setLevel`, from that level up. Until then nothing is sent.
 */
export function mcpLogSink(server: Server): LogSink {
  let threshold: Level | undefined;
  server.setRequestHandler('logging/setLevel', async (request) => {
    threshold = request.params.level;
    return {};
  });
  return (level, message, data) => {
    if (threshold === undefined || !atLeast(level, threshold)) return;
    server
      .sendLoggingMessage({
        level,
        logger: 'catalog-upload-mcp',
        data: data ? { message, ...data } : message,
      })
      .catch(() => undefined);
  };
}
