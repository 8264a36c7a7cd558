import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A fixture script's absolute path. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

/** Fail clearly when the host has not been built (child processes run `packages/host/dist`). */
export function requireBuiltHost(): void {
  const store = fileURLToPath(new URL('../../dist/config/store.js', import.meta.url));
  if (!existsSync(store)) throw new Error(`${store} is missing: run npx tsc -b packages/host first`);
}

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(prefix = 'berth-config-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Start `node <fixture> ...args`. */
export function startFixture(name: string, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [fixture(name), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Run `node <fixture> ...args` to the end; rejects with its stderr when it fails. */
export function runFixture(name: string, args: readonly string[]): Promise<void> {
  const child = startFixture(name, args);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited ${code}: ${stderr}`))));
  });
}
