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

/** A running `berth serve`. */
export interface ServeProcess {
  /** The base URL it printed. */
  readonly url: string;
  /** What it printed on stderr so far. */
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the built `berth serve` (port 0) and resolves once it printed where to connect. */
export async function startServe(home: string, args: readonly string[] = [], env: Record<string, string> = {}): Promise<ServeProcess> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [berthMain, ...args, 'serve', '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, BERTH_HOME: home, BERTH_LOG_FORMAT: 'json', ...env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${stderr}`)), 90_000);
    const check = (): void => {
      const match = /MCP endpoint\s+(http:\/\/\S+)\/mcp/.exec(stderr);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stderr.on('data', check);
    void exited.then((code) => reject(new Error(`serve exited with ${String(code)}:\n${stderr}`)));
  });
  return {
    url,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
