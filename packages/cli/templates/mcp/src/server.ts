// An MCP server written with the official SDK. Berth starts it in its sandbox and is its client; its tools are
// served as `<plugin>/<tool>`. Logs go to stderr: stdout carries the protocol.
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

/** The greeting, apart from the server so it is easy to change (and to unit-test). */
export function greet(name: string): string {
  return `Hello, ${name}!`;
}

function createServer(): McpServer {
  const server = new McpServer({ name: '__NAME__', version: '0.1.0' });
  server.registerTool(
    'greet',
    { description: 'Greets someone by name.', inputSchema: z.object({ name: z.string() }) },
    async ({ name }) => ({ content: [{ type: 'text', text: greet(name) }] }),
  );
  return server;
}

serveStdio(() => createServer(), { onerror: (error) => console.error(`__NAME__: ${error.message}`) });
