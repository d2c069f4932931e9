// `gatehouse mcp`'s server on a process's stdin and stdout until stdin closes (the client went
// away). Only protocol goes to stdout: anything else there would corrupt the client's stream.
// The CLI imports this module only for `mcp` (its chunks in dist/cli-chunks/, scripts/build.ts):
// the SDK's megabyte is never parsed by any other command.

import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createGatehouseMcpServer, type GatehouseMcpDeps } from './create-gatehouse-mcp-server.ts';

export async function serveGatehouseMcp(
  deps: GatehouseMcpDeps,
  stdin: Readable,
  stdout: Writable,
): Promise<void> {
  const server = createGatehouseMcpServer(deps);
  const transport = new StdioServerTransport(stdin, stdout);
  // A line the client sent that is not JSON-RPC: the SDK reports it here and reads on.
  transport.onerror = (error) => deps.log(`gatehouse mcp: ${error.message.split('\n')[0] ?? ''}`);
  const closed = new Promise<void>((resolve) => {
    stdin.once('end', resolve);
    stdin.once('close', resolve);
  });
  await server.connect(transport);
  await closed;
  await server.close();
}
