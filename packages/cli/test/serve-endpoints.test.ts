import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Client as Client2 } from '@modelcontextprotocol/client';
import { StreamableHTTPClientTransport as Http2 } from '@modelcontextprotocol/client';
import { StdioClientTransport as Stdio2 } from '@modelcontextprotocol/client/stdio';
import { Client as Client1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as Stdio1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as Http1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berthMain, repoRoot, startServe, tempHome, type ServeProcess } from './run-berth.js';

// The README's main job, end to end: `berth serve` (the built CLI) with the examples as an extra root — a tool
// plugin (echo-tool), an mcp plugin (mcp-notes) and a provider plugin (echo-provider), all sandboxed — used by
// official MCP clients of both generations over HTTP and stdio, and by the official openai client over /v1.

const examples = ['--plugins-dir', 'examples'];
const text = (result: unknown): string => ((result as { content: { text?: string }[] }).content ?? []).map((c) => c.text ?? '').join('\n');

interface AnyClient {
  connect(transport: unknown): Promise<void>;
  listTools(): Promise<{ tools: { name: string }[] }>;
  callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<unknown>;
  close(): Promise<void>;
}

async function exercise(client: AnyClient): Promise<void> {
  const names = (await client.listTools()).tools.map((t) => t.name);
  expect(names).toEqual(expect.arrayContaining(['echo-tool__echo', 'mcp-notes__add_note']));
  expect(text(await client.callTool({ name: 'echo-tool__echo', arguments: { text: 'hi', times: 3 } }))).toBe('hi hi hi');
  expect(text(await client.callTool({ name: 'mcp-notes__add_note', arguments: { title: 't', text: 'x' } }))).toBe("saved 't'");
  const invalid = (await client.callTool({ name: 'echo-tool__echo', arguments: { text: 5 } })) as { isError?: boolean };
  expect(invalid.isError).toBe(true);
  expect(text(invalid)).toContain("invalid arguments for tool 'echo-tool/echo'");
  const unknown = await client.callTool({ name: 'nope__nothing', arguments: {} }).then(
    (r) => text(r),
    (e: unknown) => String(e),
  );
  expect(unknown).toContain("no tool 'nope/nothing' is registered");
}

describe('berth serve over HTTP: MCP for both client generations, and the OpenAI-compatible API', { timeout: 240_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let serve: ServeProcess;
  let token: string;
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    serve = await startServe(home, examples);
    token = (await readFile(path.join(home, 'config', 'serve-token'), 'utf8')).trim();
  }, 120_000);
  afterAll(async () => {
    expect(await serve.stop()).toBe(0);
    await cleanup();
  });

  it('an MCP SDK 1.x client lists and calls tools of a tool plugin and an MCP plugin', async () => {
    const client = new Client1({ name: 'cli-test-1x', version: '1.0.0' });
    await client.connect(new Http1(new URL(`${serve.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    try {
      await exercise(client as unknown as AnyClient);
    } finally {
      await client.close();
    }
  });

  it('an MCP SDK 2.x client negotiating the 2026 protocol does the same', async () => {
    const client = new Client2({ name: 'cli-test-2x', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new Http2(new URL(`${serve.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      await exercise(client as unknown as AnyClient);
    } finally {
      await client.close();
    }
  });

  it('refuses MCP without the token (401) and from a foreign browser origin (403); /health is open', async () => {
    expect((await fetch(`${serve.url}/mcp`, { method: 'POST', body: '{}' })).status).toBe(401);
    const foreign = await fetch(`${serve.url}/mcp`, { method: 'POST', body: '{}', headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect((await fetch(`${serve.url}/health`)).status).toBe(200);
  });

  it('the official openai client lists models, chats and streams through /v1, and gets OpenAI-shaped errors', async () => {
    const openai = new OpenAI({ baseURL: `${serve.url}/v1`, apiKey: token });
    const models = (await openai.models.list()).data.map((m) => m.id);
    expect(models).toContain('echo-provider/echo-1');
    const chat = await openai.chat.completions.create({ model: 'echo-provider/echo-1', messages: [{ role: 'user', content: 'hello berth' }] });
    expect(chat.choices[0]?.message.content).toBe('hello berth');
    const stream = await openai.chat.completions.create({ model: 'echo-provider/echo-1', messages: [{ role: 'user', content: 'one two three' }], stream: true });
    let streamed = '';
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? '';
    expect(streamed).toBe('one two three');
    const missing = await openai.chat.completions.create({ model: 'echo-provider/nope', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    const unauthorized = await new OpenAI({ baseURL: `${serve.url}/v1`, apiKey: 'wrong' }).models.list().catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((unauthorized as Error).message).toContain('a bearer token is required');
  });
});

describe.each([
  ['1.x', () => new Client1({ name: 'stdio-1x', version: '1.0.0' }), (args: string[], env: Record<string, string>) => new Stdio1({ command: process.execPath, args, env, cwd: repoRoot, stderr: 'pipe' })],
  ['2.x', () => new Client2({ name: 'stdio-2x', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } }), (args: string[], env: Record<string, string>) => new Stdio2({ command: process.execPath, args, env, cwd: repoRoot, stderr: 'pipe' })],
] as const)('berth serve --stdio with an MCP SDK %s client', { timeout: 240_000 }, (_generation, makeClient, makeTransport) => {
  it('lists and calls tools of a tool plugin and an MCP plugin, with errors as MCP tool errors', async () => {
    const { home, cleanup } = await tempHome();
    const client = makeClient();
    const env = { ...(process.env as Record<string, string>), BERTH_HOME: home, BERTH_LOG_FORMAT: 'json' };
    await client.connect(makeTransport([berthMain, ...examples, 'serve', '--stdio'], env) as never);
    try {
      await exercise(client as unknown as AnyClient);
    } finally {
      await client.close();
      await cleanup();
    }
  });
});
