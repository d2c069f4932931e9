// An MCP server on a process's stdin and stdout until stdin closes (the client went away). Only
// protocol goes to stdout: anything else there would corrupt the client's stream.

import type { Readable, Writable } from 'node:stream';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

export async function serveOnStdio(
  server: McpServer,
  stdin: Readable,
  stdout: Writable,
  log: (line: string) => void,
): Promise<void> {
  const transport = new StdioServerTransport(stdin, stdout);
  // A line the client sent that is not JSON-RPC: the SDK reports it here and reads on.
  transport.onerror = (error) => log(`gatehouse mcp: ${error.message.split('\n')[0] ?? ''}`);
  const closed = new Promise<void>((resolve) => {
    stdin.once('end', resolve);
    stdin.once('close', resolve);
  });
  await server.connect(transport);
  await closed;
  await server.close();
}
