import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { BerthError, ReloadFailedError, ReloadNoServerError, type SerializedBerthError } from '@berth/sdk';
import { watch } from 'chokidar';
import type { Logger } from 'pino';
import writeFileAtomic from 'write-file-atomic';
import type { ReloadOutcome } from './reload-outcome.js';

/** A {@link ReloadOutcome} as it crosses from `berth serve` to `berth plugins reload` (the error as data). */
export type SerializedReloadOutcome =
  | Exclude<ReloadOutcome, { readonly status: 'failed' }>
  | { readonly status: 'failed'; readonly plugin: string; readonly error: SerializedBerthError };

/**
 * The folder through which `berth plugins reload <name>` asks a running `berth serve` (same data folder) to reload
 * a plugin: the CLI drops `<id>.request` (`{"plugin": …}`), the server reloads and answers with `<id>.result`.
 */
export function reloadRequestDir(dataDir: string): string {
  return path.join(dataDir, 'reload-requests');
}

/** The outcome as data. */
export function serializeOutcome(outcome: ReloadOutcome): SerializedReloadOutcome {
  return outcome.status === 'failed' ? { ...outcome, error: outcome.error.toJSON() } : outcome;
}

/**
 * The server's side: answers each request dropped into `dir` with the outcome of `reload`. Resolves once watching;
 * returns the stop function.
 */
export async function serveReloadRequests(options: {
  readonly dir: string;
  readonly reload: (plugin: string) => Promise<ReloadOutcome>;
  readonly logger: Logger;
}): Promise<() => Promise<void>> {
  const { dir, logger } = options;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const answer = async (file: string): Promise<void> => {
    let plugin: string;
    try {
      plugin = String((JSON.parse(await readFile(file, 'utf8')) as { plugin?: unknown }).plugin);
      await rm(file, { force: true });
    } catch {
      return; // another server answered it, or it is not a request
    }
    logger.info({ plugin }, `reload of plugin '${plugin}' requested`);
    const outcome = await Promise.resolve(plugin).then(options.reload).catch((error: unknown): ReloadOutcome => ({ status: 'failed', plugin, error: asBerthError(plugin, error) }));
    await writeFileAtomic(file.replace(/\.request$/, '.result'), JSON.stringify(serializeOutcome(outcome)), { mode: 0o600 });
  };
  const watcher = watch(dir, { ignoreInitial: true, depth: 0 });
  watcher.on('add', (file) => {
    if (file.endsWith('.request')) void answer(file).catch((error: unknown) => logger.error({ err: error }, 'answering a reload request failed'));
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return () => watcher.close();
}

/**
 * The CLI's side: asks the server watching `dir` to reload `plugin` and waits for its answer; throws
 * `ReloadNoServerError` when none comes within `timeoutMs`.
 */
export async function requestReload(dir: string, plugin: string, options: { readonly timeoutMs?: number } = {}): Promise<SerializedReloadOutcome> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const id = randomUUID();
  const requestFile = path.join(dir, `${id}.request`);
  const resultFile = path.join(dir, `${id}.result`);
  await writeFileAtomic(requestFile, JSON.stringify({ plugin }), { mode: 0o600 });
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const outcome = JSON.parse(await readFile(resultFile, 'utf8')) as SerializedReloadOutcome;
      await rm(resultFile, { force: true });
      return outcome;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await rm(requestFile, { force: true });
  throw new ReloadNoServerError(plugin, requestFile, timeoutMs);
}

function asBerthError(plugin: string, error: unknown): BerthError {
  return error instanceof BerthError ? error : new ReloadFailedError(plugin, undefined, 'its plugin.json', error);
}
