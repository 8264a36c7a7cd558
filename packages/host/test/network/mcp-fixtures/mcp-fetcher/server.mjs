// An MCP server (official SDK) that fetches a URL: run by Berth as a sandboxed Node MCP server.
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

function createServer() {
  const server = new McpServer({ name: 'mcp-fetcher', version: '1.0.0' });
  server.registerTool('get', { description: 'fetch a URL', inputSchema: z.object({ url: z.string() }) }, async ({ url }) => {
  try {
    return { content: [{ type: 'text', text: await (await fetch(url)).text() }] };
  } catch (error) {
    return { content: [{ type: 'text', text: `refused: ${error.cause?.code ?? error.code ?? error.message}` }] };
  }
  });
  return server;
}
serveStdio(() => createServer(), { onerror: (error) => console.error(`mcp-fetcher: ${error.message}`) });
