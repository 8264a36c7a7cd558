import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The repository root. */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** The built CLI. */
export const berthMain = path.join(repoRoot, 'packages', 'cli', 'dist', 'main.js');

/** What one run printed and returned. */
export interface BerthRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `berth` with `args`, its configuration and data under `home` (BERTH_HOME). */
export function runBerth(home: string, args: readonly string[], env: Record<string, string> = {}): Promise<BerthRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [berthMain, ...args],
      { cwd: repoRoot, env: { ...process.env, BERTH_HOME: home, BERTH_LOG_FORMAT: 'json', ...env }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A fresh BERTH_HOME, and its removal. */
export async function tempHome(): Promise<{ home: string; cleanup: () => Promise<void> }> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'berth-cli-'));
  return { home, cleanup: () => rm(home, { recursive: true, force: true }) };
}
