import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigLockedError } from '@berth/sdk';
import { FileLock } from '@berth/host';
import { tempDir } from './helpers.js';

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('FileLock: the cross-process lock guarding configuration writes', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('berth-lock-')));
  afterEach(() => cleanup());

  it('breaks a lock left by a process that died (same host, pid gone)', async () => {
    const file = join(dir, 'config.json.lock');
    await writeFile(file, JSON.stringify({ pid: deadPid(), host: hostname(), since: Date.now() }));
    const lock = new FileLock(file, { timeoutMs: 1_000 });
    expect(await lock.run(async () => JSON.parse(await readFile(file, 'utf8')).pid)).toBe(process.pid);
  });

  it('waits for a live holder and then fails with ConfigLockedError naming the lock and its holder', async () => {
    const file = join(dir, 'config.json.lock');
    const since = Date.now();
    await writeFile(file, JSON.stringify({ pid: process.ppid, host: hostname(), since }));
    const error = await new FileLock(file, { timeoutMs: 200 }).run(async () => 'ran').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigLockedError);
    expect((error as ConfigLockedError).code).toBe('BERTH_CONFIG_LOCKED');
    expect((error as Error).message).toMatch(
      new RegExp(
        `^could not lock the configuration: ${file} is held by another writer \\(held by pid ${process.ppid} on ${hostname()} since ${new Date(since).toISOString()}\\) after waiting \\d+ ms \\(fix: if no Berth process is running, delete ${file}\\)$`,
        'u',
      ),
    );
    expect(JSON.parse(await readFile(file, 'utf8')).pid).toBe(process.ppid);
  });

  it('breaks a lock older than staleMs whatever its pid', async () => {
    const file = join(dir, 'config.json.lock');
    await writeFile(file, JSON.stringify({ pid: process.ppid, host: hostname(), since: Date.now() - 60_000 }));
    expect(await new FileLock(file, { timeoutMs: 1_000, staleMs: 30_000 }).run(async () => 'ran')).toBe('ran');
  });

  it('serialises holders within one process and releases on failure', async () => {
    const lock = new FileLock(join(dir, 'x.lock'));
    const order: string[] = [];
    const slow = lock.run(async () => {
      order.push('a start');
      await new Promise((r) => setTimeout(r, 30));
      order.push('a end');
      throw new Error('a failed');
    });
    const fast = lock.run(async () => order.push('b'));
    await expect(slow).rejects.toThrow('a failed');
    await fast;
    expect(order).toEqual(['a start', 'a end', 'b']);
  });
});
