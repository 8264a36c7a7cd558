import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Client as Client2, StreamableHTTPClientTransport as Http2 } from '@modelcontextprotocol/client';
import { Client as Client1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as Stdio1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as Http1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berthMain, repoRoot, startServe, tempHome, type ServeProcess } from './run-berth.js';

// Issue 19, point 6: a call to an `mcp` plugin — the published @modelcontextprotocol/server-everything, unmodified,
// run sandboxed by `berth serve` — answers through Berth over stdio and over Streamable HTTP (both client
// generations), exactly as when called directly. bench/mcp-plugin.bench.js measures the same three paths.

const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('@modelcontextprotocol/server-everything/package.json'));
const text = (result: unknown): string => ((result as { content: { text?: string }[] }).content ?? []).map((c) => c.text ?? '').join('\n');

/** A plugin root holding `everything`: its package linked into the folder's node_modules, as npm would install it. */
async function pluginRoot(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'berth-mcp-plugin-call-'));
  const dir = path.join(root, 'everything');
  mkdirSync(path.join(dir, 'node_modules', '@modelcontextprotocol'), { recursive: true });
  symlinkSync(packageDir, path.join(dir, 'node_modules', '@modelcontextprotocol', 'server-everything'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'everything-plugin', private: true, dependencies: { '@modelcontextprotocol/server-everything': '*' } }));
  writeFileSync(
    path.join(dir, 'plugin.json'),
    JSON.stringify({
      name: 'everything',
      version: '1.0.0',
      type: 'mcp',
      description: "The MCP project's reference server, unmodified.",
      server: { command: 'node', args: ['node_modules/@modelcontextprotocol/server-everything/dist/index.js', 'stdio'] },
    }),
  );
  return root;
}

async function echoes(client: { callTool(p: { name: string; arguments: Record<string, unknown> }): Promise<unknown> }): Promise<void> {
  for (let i = 0; i < 20; i++) expect(text(await client.callTool({ name: 'everything__echo', arguments: { message: `hello ${i}` } }))).toBe(`Echo: hello ${i}`);
}

describe('a call to an mcp plugin (server-everything) through berth serve', { timeout: 240_000 }, () => {
  let root: string;
  let home: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    root = await pluginRoot();
    ({ home, cleanup } = await tempHome());
  });
  afterAll(async () => {
    await cleanup();
    await rm(root, { recursive: true, force: true });
  });

  it('over stdio: a client spawning `berth serve --stdio` calls its echo tool', async () => {
    const client = new Client1({ name: 'mcp-plugin-stdio', version: '1.0.0' });
    await client.connect(
      new Stdio1({ command: process.execPath, args: [berthMain, '--plugins-dir', root, 'serve', '--stdio'], env: { ...process.env, BERTH_HOME: home } as Record<string, string>, cwd: repoRoot, stderr: 'pipe' }),
    );
    try {
      await echoes(client);
    } finally {
      await client.close();
    }
  });

  describe('over Streamable HTTP', () => {
    let serve: ServeProcess;
    let token: string;
    beforeAll(async () => {
      serve = await startServe(home, ['--plugins-dir', root]);
      token = (await readFile(path.join(home, 'config', 'serve-token'), 'utf8')).trim();
    }, 120_000);
    afterAll(async () => {
      expect(await serve.stop()).toBe(0);
    });

    it('the 1.x and the 2.x client call its echo tool', async () => {
      const requestInit = { headers: { authorization: `Bearer ${token}` } };
      const c1 = new Client1({ name: 'mcp-plugin-http-1x', version: '1.0.0' });
      await c1.connect(new Http1(new URL(`${serve.url}/mcp`), { requestInit }));
      const c2 = new Client2({ name: 'mcp-plugin-http-2x', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
      await c2.connect(new Http2(new URL(`${serve.url}/mcp`), { requestInit }));
      try {
        await echoes(c1);
        await echoes(c2);
      } finally {
        await c1.close();
        await c2.close();
      }
      expect(serve.stderr()).not.toMatch(/everything.*(failed|crashed)/i);
    });
  });
});
