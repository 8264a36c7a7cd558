import { fileURLToPath } from 'node:url';
import { Client as Client2, StreamableHTTPClientTransport as Http2 } from '@modelcontextprotocol/client';
import { StdioClientTransport as Stdio2 } from '@modelcontextprotocol/client/stdio';
import { Client as Client1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as Stdio1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as Http1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

/** The two MCP SDK generations, as the tests drive them. */
export type Generation = '1.x' | '2.x';

/** What a test needs from a connected client of either generation. */
export interface TestClient {
  readonly generation: Generation;
  readonly protocolVersion: string | undefined;
  listToolNames(): Promise<string[]>;
  call(name: string, args: Record<string, unknown>, options?: { signal?: AbortSignal; onProgress?: (p: unknown) => void }): Promise<{ isError?: boolean; content: { type: string; text?: string }[] }>;
  /** Resolves on the next `notifications/tools/list_changed` (or the 2.x client's refreshed list). */
  nextListChanged(): Promise<void>;
  close(): Promise<void>;
}

/** The stdio fixture: the built endpoint over stdio. */
export const STDIO_FIXTURE = fileURLToPath(new URL('../fixtures/stdio-endpoint.mjs', import.meta.url));

type Waiter = () => void;

function waiters(): { add: () => Promise<void>; fire: Waiter } {
  let pending: Waiter[] = [];
  return {
    add: () => new Promise<void>((resolve) => pending.push(resolve)),
    fire: () => {
      const now = pending;
      pending = [];
      for (const resolve of now) resolve();
    },
  };
}

/** A 1.x SDK client (protocol 2025-11-25) over HTTP with the token, or over stdio to the fixture. */
export async function connect1(target: { url: string; token: string } | 'stdio'): Promise<TestClient> {
  const changed = waiters();
  const client = new Client1({ name: 'test-1x', version: '1.0.0' });
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => changed.fire());
  const transport =
    target === 'stdio'
      ? new Stdio1({ command: process.execPath, args: [STDIO_FIXTURE], stderr: 'pipe' })
      : new Http1(new URL(target.url), { requestInit: { headers: { authorization: `Bearer ${target.token}` } } });
  await client.connect(transport);
  return {
    generation: '1.x',
    protocolVersion: (transport as { protocolVersion?: string }).protocolVersion,
    listToolNames: async () => (await client.listTools()).tools.map((t) => t.name),
    call: async (name, args, options = {}) =>
      (await client.callTool({ name, arguments: args }, undefined, {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onprogress: options.onProgress } : {}),
      })) as Awaited<ReturnType<TestClient['call']>>,
    nextListChanged: () => changed.add(),
    close: () => client.close(),
  };
}

/** A 2.x SDK client negotiating the protocol (2026-07-28 against Berth), over HTTP or stdio. */
export async function connect2(target: { url: string; token: string } | 'stdio', mode: 'auto' | 'legacy' = 'auto'): Promise<TestClient> {
  const changed = waiters();
  const client = new Client2(
    { name: 'test-2x', version: '1.0.0' },
    { versionNegotiation: { mode }, listChanged: { tools: { onChanged: () => changed.fire() } } },
  );
  const transport =
    target === 'stdio'
      ? new Stdio2({ command: process.execPath, args: [STDIO_FIXTURE], stderr: 'pipe' })
      : new Http2(new URL(target.url), { requestInit: { headers: { authorization: `Bearer ${target.token}` } } });
  await client.connect(transport);
  return {
    generation: '2.x',
    protocolVersion: client.getNegotiatedProtocolVersion(),
    listToolNames: async () => (await client.listTools(undefined, { cacheMode: 'refresh' })).tools.map((t) => t.name),
    call: async (name, args, options = {}) =>
      (await client.callTool({ name, arguments: args }, {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onprogress: options.onProgress } : {}),
      })) as Awaited<ReturnType<TestClient['call']>>,
    nextListChanged: () => changed.add(),
    close: () => client.close(),
  };
}

/** The text of a result's first content block. */
export function textOf(result: { content: { type: string; text?: string }[] }): string {
  return result.content.map((block) => block.text ?? '').join('\n');
}
