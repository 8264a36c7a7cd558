import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmPluginFolder } from '../../../../test/support/npm-plugin.js';
import { runBerth, tempHome } from '../run-berth.js';
import { serveAndConnect, type ServeClient } from './serve-client.js';

// Issue 19, point 1: a copied npm-based server runs exactly as its folder did. The published
// @modelcontextprotocol/server-filesystem (its manifest names its bin, `mcp-server-filesystem`: point 2) is served
// once from its own folder (an extra plugin root) and once installed by copy into another BERTH_HOME with the
// source deleted; both answer the same real tool calls through berth serve's /mcp, sandboxed, reading only the
// folder granted.

const exercise = async (client: ServeClient, shared: string): Promise<string[]> => [
  await client.call('filesystem__list_allowed_directories', {}),
  await client.call('filesystem__read_text_file', { path: path.join(shared, 'hello.txt') }),
  await client.call('filesystem__list_directory', { path: shared }),
];

describe('@modelcontextprotocol/server-filesystem: its folder and its installed copy answer alike', { timeout: 300_000 }, () => {
  const shared = realpathSync(mkdtempSync(path.join(tmpdir(), 'berth-fs-shared-')));
  const outside = realpathSync(mkdtempSync(path.join(tmpdir(), 'berth-fs-outside-')));
  let folder: string;
  const homes: { home: string; cleanup: () => Promise<void> }[] = [];
  beforeAll(async () => {
    writeFileSync(path.join(shared, 'hello.txt'), 'hello from a granted folder\n');
    writeFileSync(path.join(outside, 'secret.txt'), 'not granted\n');
    folder = npmPluginFolder({
      packages: ['@modelcontextprotocol/server-filesystem'],
      manifest: {
        name: 'filesystem',
        version: '1.0.0',
        type: 'mcp',
        description: 'File tools over one granted folder (the MCP project reference server), run unmodified.',
        permissions: [{ permission: 'filesystem.read', paths: [shared] }],
        server: { command: 'mcp-server-filesystem', args: [shared] },
      },
    });
    homes.push(await tempHome(), await tempHome());
  });
  afterAll(async () => {
    for (const h of homes) await h.cleanup();
    rmSync(shared, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
    rmSync(path.dirname(folder), { recursive: true, force: true });
  });

  it('answers the same calls from the copy (node_modules kept, source deleted) as from its folder', async () => {
    const [fromFolder, fromCopy] = homes as [(typeof homes)[0], (typeof homes)[0]];
    const root = ['--plugins-dir', path.dirname(folder)];
    expect((await runBerth(fromFolder.home, [...root, 'permissions', 'grant', 'filesystem'])).code).toBe(0);
    const a = await serveAndConnect(fromFolder.home, root);
    let answers: string[];
    try {
      answers = await exercise(a.client, shared);
    } finally {
      await a.stop();
    }
    expect(answers[1]).toBe('hello from a granted folder\n');

    const installed = await runBerth(fromCopy.home, ['plugins', 'install', folder, '--yes']);
    expect(installed.code, installed.stderr).toBe(0);
    rmSync(folder, { recursive: true, force: true });
    const b = await serveAndConnect(fromCopy.home);
    try {
      expect(await exercise(b.client, shared)).toEqual(answers);
      // A folder outside its arguments stays out of reach (the server refuses it; the sandbox grants only `shared`).
      await expect(b.client.call('filesystem__read_text_file', { path: path.join(outside, 'secret.txt') })).rejects.toThrow(/denied|outside|not allowed/i);
    } finally {
      await b.stop();
    }
  });
});
