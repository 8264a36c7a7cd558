import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { npmPluginFolder } from '../../../../test/support/npm-plugin.js';
import { repoRoot, runBerth, tempHome } from '../run-berth.js';
import { serveAndConnect } from './serve-client.js';

// Issue 19, point 2: what `berth validate` and `berth plugins install` say about a server command. `npx <package>`
// with the published package installed in the plugin folder is sandboxed (no warning; memory.test.ts runs it
// through berth serve); npx of a package that is not installed would download it, and is refused; a native
// program (uvx) cannot be sandboxed, which both commands say in plain words.

const scratch = mkdtempSync(path.join(tmpdir(), 'berth-npx-'));
function manifestFolder(name: string, manifest: Record<string, unknown>): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'plugin.json'), JSON.stringify({ name, version: '1.0.0', type: 'mcp', ...manifest }));
  return dir;
}

describe('server commands that berth can or cannot sandbox', { timeout: 120_000 }, () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const memory = { server: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] } };

  it('validate accepts `npx <package>` when the package is installed in the plugin folder', async () => {
    const dir = npmPluginFolder({ packages: ['@modelcontextprotocol/server-memory'], manifest: { name: 'memory', version: '1.0.0', type: 'mcp', ...memory }, parent: scratch });
    const run = await runBerth(scratch, ['validate', dir]);
    expect(run.stdout).toBe(`ok     ${dir} (memory)\n`);
    expect(run.code).toBe(0);
  });

  it('validate and install refuse `npx <package>` that is not installed: npx would download it', async () => {
    const dir = manifestFolder('memory-missing', memory);
    const validate = await runBerth(scratch, ['validate', dir]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain("runs '@modelcontextprotocol/server-memory', which is not installed in");
    expect(validate.stdout).toContain('npx would download and run it outside the sandbox');
    expect(validate.stdout).toContain(`fix: cd ${dir} && npm install @modelcontextprotocol/server-memory`);
    const { home, cleanup } = await tempHome();
    try {
      const install = await runBerth(home, ['plugins', 'install', dir, '--yes']);
      expect(install.code).toBe(1);
      expect(install.stderr).toContain('npx would download and run it outside the sandbox');
    } finally {
      await cleanup();
    }
  });

  it('validate says a native command cannot be sandboxed, and will not start without process.unconfined', async () => {
    const dir = manifestFolder('fetch', { server: { command: 'uvx', args: ['mcp-server-fetch'] } });
    const run = await runBerth(scratch, ['validate', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "its MCP server 'uvx mcp-server-fetch' is not a Node program (uvx), so Berth cannot sandbox it: it runs only with process.unconfined, " +
        'outside the sandbox, able to do anything your account can — and the plugin does not request process.unconfined, so it will not start',
    );
  });

  it('with process.unconfined requested, validate warns and install says so before asking for approval', async () => {
    const dir = manifestFolder('fetch-unconfined', { permissions: ['process.unconfined'], server: { command: 'uvx', args: ['mcp-server-fetch'] } });
    const run = await runBerth(scratch, ['validate', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/warning .*so Berth cannot sandbox it: it runs only with process\.unconfined, outside the sandbox/);
    const { home, cleanup } = await tempHome();
    try {
      const install = await runBerth(home, ['plugins', 'install', dir]);
      expect(install.stderr).toMatch(/^warning: 'fetch-unconfined': its MCP server 'uvx mcp-server-fetch' is not a Node program \(uvx\), so Berth cannot sandbox it/);
      expect(install.stderr.indexOf('cannot sandbox it')).toBeLessThan(install.stderr.indexOf('asks for:'));
      expect(install.code).toBe(4); // no terminal, no --yes: not approved
    } finally {
      await cleanup();
    }
  });

  it("the docs' own npx example (docs/connecting.md), with its package installed, runs sandboxed through berth serve", async () => {
    const docs = readFileSync(path.join(repoRoot, 'docs', 'connecting.md'), 'utf8');
    const example = /\{ "name": "everything"[\s\S]*?\} \}\n/.exec(docs)?.[0];
    expect(example).toBeDefined();
    const manifest = JSON.parse(example as string) as Record<string, unknown>;
    expect(manifest['server']).toMatchObject({ command: 'npx' });
    const dir = npmPluginFolder({ packages: ['@modelcontextprotocol/server-everything'], manifest, parent: mkdtempSync(path.join(scratch, 'docs-')) });
    expect((await runBerth(scratch, ['validate', dir])).code).toBe(0);
    const { home, cleanup } = await tempHome();
    try {
      const served = await serveAndConnect(home, ['--plugins-dir', path.dirname(dir)]);
      try {
        expect(await served.client.call('everything__echo', { message: 'from the docs' })).toBe('Echo: from the docs');
      } finally {
        await served.stop();
      }
    } finally {
      await cleanup();
    }
  });
});
