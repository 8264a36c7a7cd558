import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { watch, type FSWatcher } from 'chokidar';
import { isBerthError, type JsonValue } from '@berth/sdk';
import type { ConfigStore, ConfigWarning } from './store.js';
import type { SettingsSchema } from './settings-validator.js';
import { pluginsIn, savedSettingsOf, type ConfigSnapshot } from './snapshot.js';

/** Told when a plugin's effective settings changed: the plugin's name, the old values and the new ones. */
export type PluginSettingsListener = (
  plugin: string,
  oldValues: Readonly<Record<string, JsonValue>>,
  newValues: Readonly<Record<string, JsonValue>>,
) => void;

/** Options of a {@link ConfigWatcher}. */
export interface ConfigWatcherOptions {
  /** Wait this long after the last file event before re-reading (default 100 ms). */
  readonly debounceMs?: number;
  /**
   * The settings schema of a running plugin, so events carry effective values (defaults applied, secrets from the
   * secrets file). Plugins without one are compared on their saved values.
   */
  readonly schemaOf?: (plugin: string) => SettingsSchema | undefined;
  /** Told about corrupt files found while running and settings that became invalid (default: ignored). */
  readonly onWarning?: (warning: ConfigWarning) => void;
}

/**
 * Notices configuration changes made by other processes (a file watch with chokidar on the configuration and project
 * folders, debounced) and changes made through the store itself, and reports, per plugin, the old and new effective
 * settings. The store's own writes are recognised by their text and cause no second event. A change that makes a
 * plugin's settings invalid or leaves a required setting empty is reported as a warning, not an event: the plugin
 * keeps its values.
 */
export class ConfigWatcher {
  private readonly listeners = new Set<PluginSettingsListener>();
  private readonly debounceMs: number;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private reloading: Promise<void> = Promise.resolve();

  /**
   * @param store - a loaded store
   * @param options - debounce, schemas, warnings
   */
  constructor(
    private readonly store: ConfigStore,
    private readonly options: ConfigWatcherOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 100;
  }

  /** Listen for per-plugin settings changes. Returns its own unregister. */
  onPluginSettingsChanged(listener: PluginSettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Start watching; resolves once the file watch is ready. */
  async start(): Promise<void> {
    if (this.watcher !== undefined) return;
    this.unsubscribe = this.store.onDidChange((previous, current) => this.compare(previous, current));
    const { configFile, secretsFile, projectFile } = this.store.paths;
    const files = new Set([configFile, secretsFile, projectFile]);
    await mkdir(dirname(configFile), { recursive: true, mode: 0o700 });
    const folders = [...new Set([dirname(configFile), dirname(secretsFile), dirname(projectFile)])];
    this.watcher = watch(folders, { ignoreInitial: true, depth: 0, ignorePermissionErrors: true });
    this.watcher.on('all', (_event, path) => {
      if (files.has(path)) this.schedule();
    });
    await new Promise<void>((resolve) => this.watcher?.once('ready', () => resolve()));
  }

  /** Stop watching and listening. */
  async close(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.unsubscribe?.();
    await this.watcher?.close();
    this.watcher = undefined;
    await this.reloading;
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.reloading = this.reloading.then(() => this.reload());
    }, this.debounceMs);
  }

  private async reload(): Promise<void> {
    try {
      const { warnings } = await this.store.reload();
      for (const warning of warnings) this.options.onWarning?.(warning);
    } catch (error) {
      this.options.onWarning?.({ message: `could not re-read the configuration: ${String(error)}` });
    }
  }

  private compare(previous: ConfigSnapshot, current: ConfigSnapshot): void {
    for (const plugin of new Set([...pluginsIn(previous), ...pluginsIn(current)])) {
      const schema = this.options.schemaOf?.(plugin);
      const before = this.settings(previous, plugin, schema);
      const after = this.settings(current, plugin, schema);
      if (before === undefined || after === undefined || isDeepStrictEqual(before, after)) continue;
      for (const listener of this.listeners) this.tell(listener, plugin, before, after);
    }
  }

  private settings(snapshot: ConfigSnapshot, plugin: string, schema: SettingsSchema | undefined): Record<string, JsonValue> | undefined {
    const saved = savedSettingsOf(snapshot, plugin, schema);
    if (schema === undefined) return saved;
    try {
      return schema.effective(saved, this.store.paths.configFile);
    } catch (error) {
      if (!isBerthError(error)) throw error;
      if (snapshot === this.store.current()) this.options.onWarning?.({ message: `${error.message}; plugin '${plugin}' keeps its settings`, error });
      return undefined;
    }
  }

  private tell(listener: PluginSettingsListener, plugin: string, before: Record<string, JsonValue>, after: Record<string, JsonValue>): void {
    try {
      listener(plugin, before, after);
    } catch (error) {
      this.options.onWarning?.({ message: `a settings listener failed for plugin '${plugin}': ${String(error)}` });
    }
  }
}
