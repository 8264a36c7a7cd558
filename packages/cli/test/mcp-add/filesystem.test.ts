import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth, tempHome } from '../run-berth.js';
import { serveAndConnect } from '../mcp-servers/serve-client.js';

// Issue 12, acceptance 1: @modelcontextprotocol/server-filesystem added by one command with one folder as its
// argument: the folder is its only grant (read-only here, --read-only). A read inside answers; a read outside is
// refused by the server's own allowed-directories check (and the sandbox never bound that folder); a write inside
// passes the server's check but is refused by Berth's sandbox (the folder is bound read-only).

describe('berth mcp add fs npm:@modelcontextprotocol/server-filesystem -- <folder>', { timeout: 300_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let notes: string;
  let outside: string;
  let added: Awaited<ReturnType<typeof runBerth>>;
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    notes = mkdtempSync(path.join(os.tmpdir(), 'berth-notes-'));
    outside = mkdtempSync(path.join(os.tmpdir(), 'berth-outside-'));
    writeFileSync(path.join(notes, 'todo.txt'), 'ship issue 12\n');
    writeFileSync(path.join(outside, 'secret.txt'), 'not for the server\n');
    added = await runBerth(home, ['mcp', 'add', 'fs', 'npm:@modelcontextprotocol/server-filesystem', '--read-only', '--yes', '--', notes]);
  }, 240_000);
  afterAll(async () => {
    await cleanup();
    await rm(notes, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('grants exactly the folder given, and says so in plain words', async () => {
    expect(added.code).toBe(0);
    expect(added.stderr).toContain(`read files and list folders in ${notes} (and nowhere else)`);
    expect(added.stderr).not.toContain('create, change and delete files in');
    const info = JSON.parse((await runBerth(home, ['plugins', 'inspect', 'fs', '--json'])).stdout) as { grants: unknown[] };
    expect(info.grants).toEqual([{ permission: 'filesystem.read', scope: [notes] }]);
  });

  it('reads inside the folder; a read outside is refused by the server; a write inside is refused by the sandbox', async () => {
    const { client, stop } = await serveAndConnect(home);
    try {
      expect(await client.call('fs__read_text_file', { path: path.join(notes, 'todo.txt') })).toContain('ship issue 12');
      await expect(client.call('fs__read_text_file', { path: path.join(outside, 'secret.txt') })).rejects.toThrow(/outside allowed directories/i);
      // Node's permission model, in Berth's sandbox, refuses the write:
      await expect(client.call('fs__write_file', { path: path.join(notes, 'new.txt'), content: 'x' })).rejects.toThrow(/Access to this API has been restricted/);
    } finally {
      await stop();
    }
    expect(readFileSync(path.join(notes, 'todo.txt'), 'utf8')).toBe('ship issue 12\n');
  });
});
