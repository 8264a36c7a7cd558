import { existsSync } from 'node:fs';
import { watch } from 'chokidar';
import type { Logger } from 'pino';

/** The default quiet time before a new folder loads: a whole folder being copied (or unpacked) takes longer than a save. */
export const DEFAULT_NEW_FOLDER_DEBOUNCE_MS = 150;

/** Options of {@link watchNewPluginFolders}. */
export interface NewFolderWatcherOptions {
  /** The plugin roots. */
  readonly roots: readonly string[];
  /** Loads the plugins new to the host (`PluginHost.loadNew`). */
  readonly loadNew: () => Promise<readonly { readonly name: string; readonly state: string }[]>;
  /** Where what was found is logged. */
  readonly logger: Logger;
  /** Quiet time after the last change (ms, default 150): a folder being copied is loaded once, complete. */
  readonly debounceMs?: number;
}

/**
 * Watches the plugin roots (one level deep: a plugin folder, or its `plugin.json`, appearing) and loads what is
 * new, once the roots have been quiet for `debounceMs`. Roots that do not exist when it starts are not watched
 * (`berth plugins install` asks the server itself). Resolves once watching; returns the stop function.
 */
export async function watchNewPluginFolders(options: NewFolderWatcherOptions): Promise<() => Promise<void>> {
  const { roots, logger } = options;
  const debounceMs = options.debounceMs ?? DEFAULT_NEW_FOLDER_DEBOUNCE_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running = running.then(options.loadNew).catch((error: unknown) => logger.error({ err: error }, 'loading new plugin folders failed'));
    }, debounceMs);
  };
  const watcher = watch(roots.filter((root) => existsSync(root)), { ignoreInitial: true, depth: 1, ignorePermissionErrors: true, followSymlinks: false });
  // A folder, a link to one (`plugins install --link`, reported as a file) or a plugin.json appearing.
  watcher.on('addDir', schedule);
  watcher.on('add', schedule);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return async () => {
    if (timer !== undefined) clearTimeout(timer);
    await watcher.close();
    await running;
  };
}
