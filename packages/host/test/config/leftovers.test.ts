import { readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigStore } from '@berth/host';
import { tempDir } from './helpers.js';

describe('leftovers of killed saves', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('berth-leftovers-')));
  afterEach(() => cleanup());

  it('are removed at load once older than a minute; kept files and fresh temporaries are not', async () => {
    const old = new Date(Date.now() - 120_000);
    const stale = ['config.json.123456789', 'config.json.prev.4242.1795779125278', 'secrets.json.987654321'];
    const kept = ['config.json', 'config.json.prev', 'config.json.corrupt-2026-11-27T11-29-18-579Z', 'config.json.lock.bak', 'notes.txt'];
    for (const name of [...stale, ...kept]) {
      await writeFile(join(dir, name), name === 'config.json' || name === 'config.json.prev' ? '{}' : 'x');
      await utimes(join(dir, name), old, old);
    }
    await writeFile(join(dir, 'config.json.555'), 'a save in progress elsewhere');
    await new ConfigStore({ configDir: dir, readProject: false }).load();
    expect((await readdir(dir)).sort()).toEqual([...kept, 'config.json.555'].sort());
  });
});
