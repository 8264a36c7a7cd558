import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth, tempHome } from '../run-berth.js';
import { serveAndConnect } from '../mcp-servers/serve-client.js';

// Issue 12, acceptance 1: published servers added by the one command, run unmodified and sandboxed, answering real
// tool calls through berth serve's /mcp with the official SDK client. One home, two registry installs, one serve.

describe('berth mcp add npm:… — server-everything and server-memory through berth serve', { timeout: 300_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  const added: Record<string, Awaited<ReturnType<typeof runBerth>>> = {};
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    added['everything'] = await runBerth(home, ['mcp', 'add', 'everything', 'npm:@modelcontextprotocol/server-everything', '--yes']);
    added['memory'] = await runBerth(home, ['mcp', 'add', 'memory', 'npm:@modelcontextprotocol/server-memory', '--yes', '--env', 'MEMORY_FILE_PATH=${pluginData}/memory.jsonl']);
  }, 240_000);
  afterAll(async () => cleanup());

  it('adds each in one command, printing every grant, and locks the exact version with its integrity', () => {
    for (const run of Object.values(added)) {
      expect(run.stderr + run.stdout).toContain('no install scripts were run');
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('will run sandboxed. It may:');
      expect(run.stderr).toContain('read its own installed files, read-only');
      expect(run.stderr).toContain('approved with --yes (non-interactive)');
    }
    const lock = JSON.parse(readFileSync(path.join(home, 'config', 'plugins.lock.json'), 'utf8')) as {
      plugins: Record<string, { version: string; integrity: string; packages: { path: string; integrity?: string }[] }>;
    };
    for (const name of ['everything', 'memory']) {
      const entry = lock.plugins[name];
      expect(entry?.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(entry?.integrity).toMatch(/^sha512-/);
      expect(entry?.packages.length).toBeGreaterThan(10);
      expect(entry?.packages.every((p) => p.integrity?.startsWith('sha512-') ?? false)).toBe(true);
    }
  });

  it('both answer real tool calls, sandboxed, and server-memory keeps its file in its data folder across a restart', async () => {
    const first = await serveAndConnect(home);
    try {
      const names = await first.client.toolNames();
      expect(names).toEqual(expect.arrayContaining(['everything__echo', 'memory__create_entities']));
      expect(await first.client.call('everything__echo', { message: 'hello from berth' })).toContain('hello from berth');
      await first.client.call('memory__create_entities', { entities: [{ name: 'Berth', entityType: 'project', observations: ['added with mcp add'] }] });
      const listed = await runBerth(home, ['plugins', 'list', '--json', '--static']);
      expect(listed.code).toBe(0);
    } finally {
      await first.stop();
    }
    expect(readFileSync(path.join(home, 'data', 'plugin-data', 'memory', 'memory.jsonl'), 'utf8')).toContain('added with mcp add');
    const second = await serveAndConnect(home);
    try {
      expect(await second.client.call('memory__read_graph', {})).toContain('added with mcp add');
    } finally {
      await second.stop();
    }
  });

  it('runs them in the sandbox, not trusted: plugins inspect shows the tier, source, version, integrity and grants', async () => {
    const run = await runBerth(home, ['plugins', 'inspect', 'everything', '--json']);
    const info = JSON.parse(run.stdout) as { tier?: string; install?: { source: string; spec: string; integrity: string; version: string }; grants: unknown[]; identity: string };
    expect(info.tier).toMatch(/^mcp server, process/);
    expect(info.install).toMatchObject({ source: 'npm', spec: 'npm:@modelcontextprotocol/server-everything@latest' });
    expect(info.install?.integrity).toMatch(/^sha512-/);
    expect(info.grants).toEqual([]);
    expect(info.identity).toBe(`npm:@modelcontextprotocol/server-everything#${info.install?.integrity ?? ''}`);
    const text = await runBerth(home, ['plugins', 'inspect', 'memory']);
    expect(text.stdout).toMatch(/source\s+npm npm:@modelcontextprotocol\/server-memory@latest/);
    expect(text.stdout).toMatch(/integrity\s+sha512-/);
  });

  it('mcp list shows both; mcp remove removes one and the other keeps running', async () => {
    const list = JSON.parse((await runBerth(home, ['mcp', 'list', '--json'])).stdout) as { name: string }[];
    expect(list.map((e) => e.name).sort()).toEqual(['everything', 'memory']);
    const removed = await runBerth(home, ['mcp', 'remove', 'everything']);
    expect(removed.code).toBe(0);
    const plugins = JSON.parse((await runBerth(home, ['plugins', 'list', '--json', '--static'])).stdout) as { name: string; state: string }[];
    expect(plugins.find((p) => p.name === 'everything')).toBeUndefined();
    expect(plugins.find((p) => p.name === 'memory')?.state).toBe('resolved');
    const config = JSON.parse(readFileSync(path.join(home, 'config', 'config.json'), 'utf8')) as { plugins: Record<string, unknown> };
    expect(config.plugins['everything']).toBeUndefined();
  });
});
