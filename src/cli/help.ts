import { LOG_LEVEL_NAMES } from '../config/runtime.js';
import type { Platform } from '../platforms/platform.js';

const column = (name: string, help: string) => `  ${name.padEnd(41)}  ${help}`;

/** The text of `--help`. Kept here, apart from the server, so only `--help` ever loads it. */
export function helpText(version: string, platforms: readonly Platform[]): string {
  const variables = platforms.flatMap((p) => p.variables.map((v) => column(v.name, v.help)));
  return `catalog-upload-mcp ${version}: an MCP server (stdio or HTTP) that uploads local product images to ${platforms.map((p) => p.service.label).join(' and ')}.

Usage:
  catalog-upload-mcp [DIR ...]          serve MCP on stdin/stdout; each DIR is a folder images may be read from
  catalog-upload-mcp http [--host H] [--port P] [DIR ...]
                                        serve MCP over Streamable HTTP at /mcp (default 127.0.0.1:8787;
                                        --port 0 picks a free port, printed on stderr); DIR are the server's
                                        own folders. Also GET /healthz (no auth) and GET /metrics (Prometheus).
                                        SIGTERM finishes the calls in flight, then exits.
  catalog-upload-mcp doctor [DIR ...]   check the configuration, the folders and the credentials, then exit
  catalog-upload-mcp emulator [--port N] [--host H]
                                        run an offline emulator of both APIs and print the variables to use it
  catalog-upload-mcp --help | --version

Your MCP client starts the server; configure it with environment variables:
${variables.join('\n')}
${column('UPLOAD_TIMEOUT_MS, CONNECT_TIMEOUT_MS', 'default 120000 and 10000')}
${column('LOG_LEVEL', `stderr log level: ${LOG_LEVEL_NAMES}`)}
${column('MCP_HTTP_TOKENS', 'http: comma-separated bearer tokens; required unless the host is loopback')}

Run doctor with the same variables and folders as your client's config: it makes one read-only call
to each configured platform and exits non-zero when something needs fixing.
Client set-up snippets (Claude Desktop, Cursor, VS Code, Claude Code): README.md in the package.`;
}
