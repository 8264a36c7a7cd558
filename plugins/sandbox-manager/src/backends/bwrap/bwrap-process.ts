import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { constants as os } from 'node:os';
import { CappedBuffer } from '../../capped-buffer.js';
import type { ExecOutcome } from '../../sandbox.js';

/** How to start one sandboxed command. */
export interface Launch {
  readonly command: string;
  readonly args: readonly string[];
  readonly stdin?: Buffer;
  readonly timeoutMs: number;
  readonly outputCap: number;
  /** The host user (and group) to run as, when the sandbox has one of its own. */
  readonly hostUid?: number;
  /** Cancels the command. */
  readonly signal?: AbortSignal;
}

/** What the memory limit makes programs print when an allocation fails under `prlimit --as`. */
const OUT_OF_MEMORY = /out of memory|cannot allocate memory|allocation failed|bad_alloc|memory exhausted/i;

/** Kills a detached child's whole process group (bubblewrap's pid namespace dies with it). */
export function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/**
 * Kills every process of a sandbox's own host user (`kill -KILL -1` run as that user signals all of them, never
 * the caller): the processes of a destroyed sandbox, also those that outlived a plugin killed mid-run.
 */
export function killUser(uid: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', 'kill -KILL -1 2>/dev/null; true'], { uid, gid: uid, stdio: 'ignore' });
    child.once('error', () => resolve());
    child.once('close', () => resolve());
  });
}

/** Starts a command in its own process group (a background one with fd 3 a pipe for bubblewrap's `--info-fd`). */
export function start(launch: Launch, detached: boolean): ChildProcess {
  const output = detached ? 'ignore' : 'pipe';
  const user = launch.hostUid !== undefined ? { uid: launch.hostUid, gid: launch.hostUid } : {};
  return spawn(launch.command, launch.args, { ...user, detached: true, stdio: [launch.stdin !== undefined ? 'pipe' : 'ignore', output, output, ...(detached ? ['pipe' as const] : [])] });
}

/**
 * Resolves once bubblewrap reports the sandbox running on fd 3 (or the child ends): past that point its parent-death
 * signal is set, so the command dies with the plugin. Before it, a plugin killed at once could leave it behind.
 */
export function running(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const info = child.stdio[3] as NodeJS.ReadableStream | null | undefined;
  if (info === null || info === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      info.removeListener('data', done);
      info.resume();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    info.once('data', done);
    child.once('exit', done);
  });
}

/** Runs a command to its end or its time limit; output capped; an allocation failure reported as out of memory. */
export function runToEnd(launch: Launch): Promise<ExecOutcome> {
  const child = start(launch, false);
  const stdout = new CappedBuffer(launch.outputCap);
  const stderr = new CappedBuffer(launch.outputCap);
  child.stdout?.on('data', (c: Buffer) => stdout.push(c));
  child.stderr?.on('data', (c: Buffer) => stderr.push(c));
  child.stdin?.on('error', () => undefined);
  if (launch.stdin !== undefined) child.stdin?.end(launch.stdin);
  let timedOut = false;
  let cancelled = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killTree(child);
  }, launch.timeoutMs);
  const onAbort = (): void => {
    cancelled = true;
    killTree(child);
  };
  launch.signal?.addEventListener('abort', onAbort, { once: true });
  const settle = (): void => {
    clearTimeout(timer);
    launch.signal?.removeEventListener('abort', onAbort);
  };
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      settle();
      reject(error);
    });
    child.once('close', (code, signal) => {
      settle();
      const exitCode = code ?? 128 + (signal !== null ? os.signals[signal] : 9);
      const err = stderr.bytes();
      const outOfMemory = !timedOut && !cancelled && exitCode !== 0 && OUT_OF_MEMORY.test(err.toString('utf8'));
      resolve({ exitCode, stdout: stdout.bytes(), stderr: err, truncated: stdout.truncated || stderr.truncated, timedOut, outOfMemory, cancelled });
    });
  });
}
