/** The text of `--help`. Kept here, apart from the server, so only `--help` ever loads it. */
export function helpText(version: string): string {
  return `catalog-upload-mcp ${version}: an MCP server (stdio) that uploads local product images to Shopee and TracePass.

Usage:
  catalog-upload-mcp [DIR ...]          serve MCP on stdin/stdout; each DIR is a folder images may be read from
  catalog-upload-mcp doctor [DIR ...]   check the configuration, the folders and the credentials, then exit
  catalog-upload-mcp emulator [--port N] [--host H]
                                        run an offline emulator of both APIs and print the variables to use it
  catalog-upload-mcp --help | --version

Your MCP client starts the server; configure it with environment variables:
  SHOPEE_PARTNER_ID, SHOPEE_PARTNER_KEY      Shopee Open Platform partner id and key
  SHOPEE_REGION or SHOPEE_BASE_URL           global (default), cn, br, sandbox, sandbox-cn; or a full URL
  SHOPEE_SHOP_ID, SHOPEE_ACCESS_TOKEN        optional: sign uploads as Shop API calls
  TRACEPASS_API_KEY                          tp_… API key or OAuth access token
  TRACEPASS_BASE_URL                         default https://app.tracepass.eu
  UPLOAD_TIMEOUT_MS, CONNECT_TIMEOUT_MS      default 120000 and 10000
  LOG_LEVEL                                  stderr log level: debug, info, notice, warning (default), error, critical, alert, emergency

Run doctor with the same variables and folders as your client's config: it makes one read-only call
to each configured platform and exits non-zero when something needs fixing.
Client set-up snippets (Claude Desktop, Cursor, VS Code, Claude Code): README.md in the package.`;
}
