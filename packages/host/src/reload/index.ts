export { CallTracker } from './call-tracker.js';
export { generationContext, generationOf, type GenerationHandle, type StagingChecks } from './generation-context.js';
export { DEFAULT_DRAIN_LIMIT_MS, reloadPlugin, type ReloadOptions } from './reload-plugin.js';
export { describeOutcome, serializeOutcome, type PendingReload, type ReloadOutcome, type SerializedReloadOutcome } from './reload-outcome.js';
export type { ReloadPort } from './reload-port.js';
export { readNextVersion, type NextVersion } from './next-version.js';
export {
  DEFAULT_WATCH_DEBOUNCE_MS,
  describe as describeReloadOutcome,
  isIgnoredPluginPath,
  ownerOf,
  watchPluginFolders,
  type PluginWatcherOptions,
  type WatchedPlugin,
} from './plugin-watcher.js';
export { DEFAULT_NEW_FOLDER_DEBOUNCE_MS, watchNewPluginFolders, type NewFolderWatcherOptions } from './new-folder-watcher.js';
