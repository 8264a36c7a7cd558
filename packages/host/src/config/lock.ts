import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigLockedError } from '@berth/sdk';
import { isCode } from './fs-errors.js';

/** How a {@link FileLock} waits and when it calls a lock stale. */
export interface FileLockOptions {
  /** Give up after this long (default 10 s) with `ConfigLockedError`. */
  readonly timeoutMs?: number;
  /** A lock older than this is stale whatever its holder (default 30 s; holders keep it for milliseconds). */
  readonly staleMs?: number;
}

/** What a lock file records about its holder. */
interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly since: number;
}

/**
 * A cross-process lock: a lock file created with `open(path, 'wx')` (atomic create-if-absent), holding the holder's
 * pid, host name and start time. A lock whose holder is gone (same host, pid not alive) or that is older than
 * `staleMs` is stale and is broken — under a second, short-lived `<lock>.break` file, so that two waiters never both
 * break it and one of them delete the other's fresh lock. Within one process, holders also queue in memory.
 */
export class FileLock {
  private queue: Promise<void> = Promise.resolve();
  private mine: LockHolder | undefined;
  private readonly timeoutMs: number;
  private readonly staleMs: number;

  /** @param file - the lock file's path */
  constructor(
    readonly file: string,
    options: FileLockOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.staleMs = options.staleMs ?? 30_000;
  }

  /** Run `task` while holding the lock; the lock is released however `task` ends. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    const previous = this.queue;
    let done!: () => void;
    this.queue = new Promise<void>((resolve) => (done = resolve));
    try {
      await previous;
      await this.acquire();
      try {
        return await task();
      } finally {
        await this.release();
      }
    } finally {
      done();
    }
  }

  private async acquire(): Promise<void> {
    const started = Date.now();
    await mkdir(dirname(this.file), { recursive: true });
    for (let attempt = 0; ; attempt += 1) {
      if (await this.tryCreate()) return;
      const holder = await this.readHolder();
      if (holder === 'gone') continue;
      if (await this.isStale(holder)) {
        await this.breakStale(holder);
        continue;
      }
      const waited = Date.now() - started;
      if (waited > this.timeoutMs) throw new ConfigLockedError(this.file, describe(holder), waited);
      await sleep(Math.min(50, 2 + attempt) + Math.random() * 5);
    }
  }

  /** Remove the lock file, unless it is no longer ours (it was judged stale and taken over). */
  private async release(): Promise<void> {
    const now = await this.readHolder();
    if (now === 'gone' || !sameHolder(now, this.mine)) return;
    await rm(this.file, { force: true });
  }

  private async tryCreate(): Promise<boolean> {
    try {
      const handle = await open(this.file, 'wx', 0o600);
      try {
        const me: LockHolder = { pid: process.pid, host: hostname(), since: Date.now() };
        this.mine = me;
        await handle.writeFile(JSON.stringify(me));
      } finally {
        await handle.close();
      }
      return true;
    } catch (error) {
      if (isCode(error, 'EEXIST')) return false;
      throw error;
    }
  }

  /** The current holder; `undefined` when the file is unreadable or half-written (judged by age); `'gone'` if absent. */
  private async readHolder(file = this.file): Promise<LockHolder | undefined | 'gone'> {
    try {
      const text = await readFile(file, 'utf8');
      const parsed = JSON.parse(text) as Partial<LockHolder>;
      if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.since === 'number') {
        return { pid: parsed.pid, host: parsed.host, since: parsed.since };
      }
      return undefined;
    } catch (error) {
      return isCode(error, 'ENOENT') ? 'gone' : undefined;
    }
  }

  /** Stale: too old, or its holder's process is gone; a half-written lock (holder killed mid-write) after 2 s. */
  private async isStale(holder: LockHolder | undefined): Promise<boolean> {
    if (holder === undefined) {
      const info = await stat(this.file).catch(() => undefined);
      return info !== undefined && Date.now() - info.mtimeMs > HALF_WRITTEN_STALE_MS;
    }
    if (Date.now() - holder.since > this.staleMs) return true;
    return holder.host === hostname() && !isAlive(holder.pid);
  }

  private async breakStale(seen: LockHolder | undefined): Promise<void> {
    const breaker = new FileLock(`${this.file}.break`, { timeoutMs: 0, staleMs: 5_000 });
    if (!(await breaker.tryCreate())) {
      await this.clearStaleBreaker(breaker.file);
      return;
    }
    try {
      const now = await this.readHolder();
      if (now !== 'gone' && sameHolder(now, seen)) await rm(this.file, { force: true });
    } finally {
      await rm(breaker.file, { force: true });
    }
  }

  /** A breaker whose process died mid-break is removed after 5 s; otherwise wait a little for it. */
  private async clearStaleBreaker(file: string): Promise<void> {
    const info = await stat(file).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > 5_000) await rm(file, { force: true });
    else await sleep(2);
  }
}

const HALF_WRITTEN_STALE_MS = 2_000;

function sameHolder(a: LockHolder | undefined, b: LockHolder | undefined): boolean {
  return a?.pid === b?.pid && a?.host === b?.host && a?.since === b?.since;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isCode(error, 'EPERM');
  }
}

function describe(holder: LockHolder | undefined): string | undefined {
  if (holder === undefined) return undefined;
  return `pid ${holder.pid} on ${holder.host} since ${new Date(holder.since).toISOString()}`;
}
