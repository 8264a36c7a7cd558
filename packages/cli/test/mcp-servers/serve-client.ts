import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startServe, type ServeProcess } from '../run-berth.js';

/** An official MCP SDK (2.x) client connected to a running `berth serve`'s `/mcp`. */
export interface ServeClient {
  /** The namespaced tool names (`<plugin>__<tool>`). */
  toolNames(): Promise<string[]>;
  /** Calls a tool and returns its text content; an `isError` result throws with that text. */
  call(name: string, args: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

/** Connects to `serve` with the bearer token it wrote under `home`. */
export async function connectToServe(home: string, serve: ServeProcess): Promise<ServeClient> {
  const token = (await readFile(path.join(home, 'config', 'serve-token'), 'utf8')).trim();
  const client = new Client({ name: 'berth-issue-19', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${serve.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  return {
    toolNames: async () => (await client.listTools()).tools.map((t) => t.name),
    call: async (name, args) => {
      const result = (await client.callTool({ name, arguments: args })) as { content?: { type: string; text?: string }[]; isError?: boolean };
      const text = (result.content ?? []).map((c) => c.text ?? '').join('\n');
      if (result.isError === true) throw new Error(`${name} failed: ${text}`);
      return text;
    },
    close: () => client.close(),
  };
}

/** Starts `berth serve` for `home` and connects a client; both are closed by the returned `stop`. */
export async function serveAndConnect(home: string, args: readonly string[] = []): Promise<{ serve: ServeProcess; client: ServeClient; stop: () => Promise<void> }> {
  const serve = await startServe(home, args);
  try {
    const client = await connectToServe(home, serve);
    return {
      serve,
      client,
      stop: async () => {
        await client.close().catch(() => undefined);
        await serve.stop();
      },
    };
  } catch (error) {
    await serve.stop();
    throw new Error(`${(error as Error).message}\n--- berth serve said:\n${serve.stderr()}`);
  }
}
