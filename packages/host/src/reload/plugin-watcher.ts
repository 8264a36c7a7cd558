import path from 'node:path';
import { watch } from 'chokidar';
import type { Logger } from 'pino';
import { describeOutcome, type ReloadOutcome } from './reload-outcome.js';

/** A plugin folder to watch. */
export interface WatchedPlugin {
  /** The plugin's name. */
  readonly name: string;
  /** Its folder. */
  readonly dir: string;
}

/** Options of {@link watchPluginFolders}. */
export interface PluginWatcherOptions {
  /** The plugins whose folders are watched (read once, at the start). */
  readonly plugins: readonly WatchedPlugin[];
  /** Reloads one plugin. */
  readonly reload: (name: string) => Promise<ReloadOutcome>;
  /** Where outcomes are logged. */
  readonly logger: Logger;
  /** Quiet time after the last change before the plugin reloads (ms, default {@link DEFAULT_WATCH_DEBOUNCE_MS}). */
  readonly debounceMs?: number;
  /** Told about each outcome. */
  readonly onOutcome?: (outcome: ReloadOutcome) => void;
}

/**
 * The default quiet time: long enough to gather one save (an editor's write-then-rename, a formatter rewriting the
 * file after it) or a `cp`/`git checkout` of a few files into one reload, short enough not to be the larger part of
 * the wait for the new version (a reload itself takes about as long as a cold start, ~100 ms). Webpack's watcher
 * gathers changes for 20 ms; a burst that lasts longer only costs one more reload (a failed one keeps the running
 * version serving).
 */
export const DEFAULT_WATCH_DEBOUNCE_MS = 50;

/** True for a path inside a plugin folder that never triggers a reload: `node_modules` and dotfiles (`.git`, editor swap files). */
export function isIgnoredPluginPath(relative: string): boolean {
  return relative.split(/[\\/]/).some((segment) => segment === 'node_modules' || (segment.startsWith('.') && segment !== '.' && segment !== '..'));
}

/** The plugin whose folder holds `file` (the deepest folder when plugin folders nest), if any. */
export function ownerOf(plugins: readonly WatchedPlugin[], file: string): WatchedPlugin | undefined {
  let owner: WatchedPlugin | undefined;
  for (const plugin of plugins) {
    const relative = path.relative(plugin.dir, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
    if (owner === undefined || plugin.dir.length > owner.dir.length) owner = plugin;
  }
  return owner;
}

/**
 * Watches plugin folders (`chokidar`): a change under a plugin's folder — a file added, changed or removed,
 * outside `node_modules` and dotfiles — reloads that plugin once the folder has been quiet for `debounceMs`.
 * Resolves once watching; returns the stop function.
 */
export async function watchPluginFolders(options: PluginWatcherOptions): Promise<() => Promise<void>> {
  const { plugins, logger } = options;
  const debounceMs = options.debounceMs ?? DEFAULT_WATCH_DEBOUNCE_MS;
  const timers = new Map<string, NodeJS.Timeout>();
  const ignored = (file: string): boolean => {
    const owner = ownerOf(plugins, file);
    return owner !== undefined && isIgnoredPluginPath(path.relative(owner.dir, file));
  };
  const reload = (name: string): void => {
    timers.delete(name);
    options
      .reload(name)
      .then((outcome) => {
        if (outcome.status !== 'failed') logger.info({ plugin: name, outcome: outcome.status }, `plugin '${name}': ${describe(outcome)}`);
        options.onOutcome?.(outcome);
      })
      .catch((error: unknown) => logger.error({ err: error, plugin: name }, `reloading plugin '${name}' failed`));
  };
  const changed = (file: string): void => {
    const owner = ownerOf(plugins, file);
    if (owner === undefined) return;
    clearTimeout(timers.get(owner.name));
    timers.set(owner.name, setTimeout(() => reload(owner.name), debounceMs));
  };
  const watcher = watch(
    plugins.map((p) => p.dir),
    { ignoreInitial: true, ignored },
  );
  watcher.on('all', (_event, file) => changed(file));
  watcher.on('error', (error) => logger.warn({ err: error }, 'watching plugin folders failed in part'));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return async () => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    await watcher.close();
  };
}

/** One line for an outcome (see `describeOutcome`). */
export const describe = describeOutcome;
