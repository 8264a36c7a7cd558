import { chmod } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigCorruptError, type BerthError, type JsonValue } from '@berth/sdk';
import type { z } from 'zod';
import { saveWithPrevious } from './atomic-save.js';
import { looseModeBits, readJsonFile, recoverCorrupt, type ReadFile } from './config-files.js';
import type { HostConfig, SavedGrant } from './host-config.js';
import { hostConfigSchema, secretsFileSchema, type SecretsFile } from './host-config-schema.js';
import { jsonText } from './json-text.js';
import { removeLeftovers } from './leftovers.js';
import { FileLock } from './lock.js';
import { mergeConfigs, sanitizeProject } from './merge.js';
import { berthPaths, pluginDataDir, type BerthPathOptions, type BerthPaths } from './paths.js';
import { editPlugin, editSecret, withAlias, withGrants, withSetting } from './plugin-edits.js';
import type { SettingsSchema } from './settings-validator.js';
import { savedSettingsOf, type ConfigSnapshot } from './snapshot.js';

/** Options of a {@link ConfigStore}: where its files are, and how long a writer waits for the lock. */
export interface ConfigStoreOptions extends BerthPathOptions {
  /** Give up taking the cross-process lock after this long (default 10 s). */
  readonly lockTimeoutMs?: number;
  /** Read `<cwd>/.berth/config.json` (default true; it is honoured only for trusted project folders). */
  readonly readProject?: boolean;
}

/** Something the user should be told about the configuration (printed by the CLI, logged by `berth serve`). */
export interface ConfigWarning {
  /** One sentence: what happened and what the host did. */
  readonly message: string;
  /** The error behind it, when there is one (e.g. a `ConfigCorruptError`). */
  readonly error?: BerthError;
}

/** What {@link ConfigStore.load} found. */
export interface LoadedConfig {
  /** The effective configuration (user file overridden by a trusted project file). */
  readonly config: HostConfig;
  /** What the user should be told. */
  readonly warnings: readonly ConfigWarning[];
  /** Where the files are. */
  readonly paths: BerthPaths;
}

/** A listener for snapshot changes (own writes and changes found on disk). */
export type ConfigChangeListener = (previous: ConfigSnapshot, current: ConfigSnapshot) => void;

const EMPTY: ConfigSnapshot = { user: {}, project: undefined, secrets: {}, effective: {} };

/**
 * The host configuration store: the user (or `--config`) file, the secrets file beside it (mode 0600) and an optional
 * trusted project file. Every write is a read-modify-write under a cross-process lock ({@link FileLock}), re-reading
 * the files from disk inside the lock, so the CLI and a running `berth serve` never lose each other's updates; every
 * save is atomic and keeps `<file>.prev`. Call {@link ConfigStore.load} first.
 */
export class ConfigStore {
  /** Where the files are. */
  readonly paths: BerthPaths;
  private readonly lock: FileLock;
  private readonly readProject: boolean;
  private snapshot: ConfigSnapshot = EMPTY;
  private texts: { user?: string; secrets?: string; project?: string } = {};
  private readonly listeners = new Set<ConfigChangeListener>();

  /** @param options - where the files are (tests pass `configDir`/`dataDir`) */
  constructor(options: ConfigStoreOptions = {}) {
    this.paths = berthPaths(options);
    this.lock = new FileLock(this.paths.lockFile, { timeoutMs: options.lockTimeoutMs ?? 10_000 });
    this.readProject = options.readProject ?? true;
  }

  /**
   * Read the files (first removing temporaries older than a minute that killed saves left behind). A corrupt user or secrets file is kept aside (`<file>.corrupt-<timestamp>`) and the store starts
   * from its last good version (`<file>.prev`) or the defaults, with a warning holding the `ConfigCorruptError`. A
   * secrets file readable by others is set back to 0600, with a warning.
   */
  async load(): Promise<LoadedConfig> {
    const warnings: ConfigWarning[] = [];
    await removeLeftovers(this.paths.configFile);
    await removeLeftovers(this.paths.secretsFile);
    const user = await this.readRecovering<HostConfig>(this.paths.configFile, hostConfigSchema, undefined, warnings);
    const secrets = await this.readRecovering<SecretsFile>(this.paths.secretsFile, secretsFileSchema, 0o600, warnings);
    await this.tightenSecretsMode(warnings);
    const project = await this.readProjectFile(user.value ?? {}, warnings);
    this.apply(user, secrets, project);
    return { config: this.snapshot.effective, warnings, paths: this.paths };
  }

  /**
   * Re-read the files if their text changed since the store last read or wrote them (own writes are not changes).
   * A file that became corrupt while running is left alone (it is probably being edited) and reported; the store
   * keeps its last good state. Returns whether anything changed, and the warnings.
   */
  async reload(): Promise<{ changed: boolean; warnings: ConfigWarning[] }> {
    const warnings: ConfigWarning[] = [];
    try {
      const user = await readJsonFile<HostConfig>(this.paths.configFile, hostConfigSchema);
      const secrets = await readJsonFile<SecretsFile>(this.paths.secretsFile, secretsFileSchema);
      const project = await this.readProjectFile(user.value ?? {}, warnings);
      const same = user.text === this.texts.user && secrets.text === this.texts.secrets && project.text === this.texts.project;
      if (same) return { changed: false, warnings };
      this.apply(user, secrets, project);
      return { changed: true, warnings };
    } catch (error) {
      if (!(error instanceof ConfigCorruptError)) throw error;
      warnings.push({ message: `${error.message}; keeping the configuration loaded before`, error });
      return { changed: false, warnings };
    }
  }

  /** The effective configuration (user file overridden by a trusted project file; secrets not included). */
  read(): HostConfig {
    return this.snapshot.effective;
  }

  /** The current snapshot (user, project, secrets, effective). */
  current(): ConfigSnapshot {
    return this.snapshot;
  }

  /**
   * Read-modify-write the user (or `--config`) file under the cross-process lock: `mutator` gets the file's content
   * as it is on disk now and returns the new content. Returns the new effective configuration. Throws
   * `ConfigCorruptError` (and writes nothing) if the file became corrupt, `ConfigLockedError` if the lock stays taken.
   */
  async update(mutator: (config: HostConfig) => HostConfig): Promise<HostConfig> {
    await this.transact((user, secrets) => ({ user: mutator(user), secrets }));
    return this.snapshot.effective;
  }

  /**
   * A plugin's settings. With `schema`: the effective values (saved, else default), validated; throws
   * `ConfigMissingError`/`ConfigInvalidError`. Without: the saved values only. Secrets included — redact before
   * printing (see `redact`).
   */
  getPluginSettings(plugin: string, schema?: SettingsSchema): Record<string, JsonValue> {
    const saved = savedSettingsOf(this.snapshot, plugin, schema);
    return schema === undefined ? saved : schema.effective(saved, this.paths.configFile);
  }

  /**
   * Save one setting, validated against the plugin's schema first: an invalid value or undeclared setting throws
   * `ConfigInvalidError` and nothing is written. Secret settings go to the secrets file (0600), never the config file.
   */
  async setSetting(plugin: string, key: string, value: JsonValue, schema: SettingsSchema): Promise<void> {
    schema.validate(key, value);
    const secret = schema.isSecret(key);
    await this.transact((user, secrets) => ({
      user: editPlugin(user, plugin, (s) => withSetting(s, key, secret ? undefined : value)),
      secrets: editSecret(secrets, plugin, key, secret ? value : undefined),
    }));
  }

  /** Remove a saved setting (from the configuration and the secrets file); its default applies again. */
  async unsetSetting(plugin: string, key: string): Promise<void> {
    await this.transact((user, secrets) => ({
      user: editPlugin(user, plugin, (s) => withSetting(s, key, undefined)),
      secrets: editSecret(secrets, plugin, key, undefined),
    }));
  }

  /** Enable or disable a plugin (enabled is saved as the absence of `enabled: false`). */
  async setEnabled(plugin: string, enabled: boolean): Promise<void> {
    await this.update((c) => editPlugin(c, plugin, (s) => ({ ...s, enabled: enabled ? undefined : false })));
  }

  /**
   * Replace a plugin's approved grants (and the version they were approved for, and the install identity they are
   * bound to, when given).
   */
  async setGrants(plugin: string, grants: readonly SavedGrant[], approvedVersion?: string, identity?: string): Promise<void> {
    await this.update((c) => editPlugin(c, plugin, (s) => withGrants(s, grants, approvedVersion, identity)));
  }

  /**
   * Bind a plugin's grants saved without an install identity (by `berth permissions grant` before it ever loaded, or
   * by hand) to `identity`, the first install that loads with them: a same-named plugin from elsewhere then asks
   * again. Grants already bound, or no grants, are left as they are.
   */
  async bindIdentity(plugin: string, identity: string): Promise<void> {
    const state = this.read().plugins?.[plugin];
    if (state?.grants === undefined || state.identity !== undefined) return;
    await this.update((c) => editPlugin(c, plugin, (s) => (s.grants !== undefined && s.identity === undefined ? { ...s, identity } : s)));
  }

  /** Run a plugin in the trusted (in-process) tier, or not (saved as the absence of `trusted`). */
  async setTrusted(plugin: string, trusted: boolean): Promise<void> {
    await this.update((c) => editPlugin(c, plugin, (s) => ({ ...s, trusted: trusted ? true : undefined })));
  }

  /** Publish contribution `id` (`<plugin>/<name>`) as `alias`, or remove its alias (`undefined`). */
  async setAlias(id: string, alias: string | undefined): Promise<void> {
    await this.update((c) => withAlias(c, id, alias));
  }

  /** Trust (or stop trusting) the project folder `dir`, whose `.berth/config.json` may then override the user file. */
  async setProjectTrusted(dir: string, trusted: boolean): Promise<void> {
    const folder = resolve(dir);
    await this.update((c) => {
      const rest = (c.trustedProjects ?? []).filter((p) => p !== folder);
      return { ...c, trustedProjects: trusted ? [...rest, folder] : rest };
    });
  }

  /** A plugin's own data directory, `<dataDir>/plugin-data/<name>` (not created). */
  pluginDataDir(plugin: string): string {
    return pluginDataDir(plugin, this.paths);
  }

  /** Be told of every snapshot change (own writes and changes found by {@link ConfigStore.reload}). */
  onDidChange(listener: ConfigChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async transact(edit: (user: HostConfig, secrets: SecretsFile) => { user: HostConfig; secrets: SecretsFile }): Promise<void> {
    await this.lock.run(async () => {
      const userNow = await readJsonFile<HostConfig>(this.paths.configFile, hostConfigSchema);
      const secretsNow = await readJsonFile<SecretsFile>(this.paths.secretsFile, secretsFileSchema);
      const next = edit(userNow.value ?? {}, secretsNow.value ?? {});
      const secrets = await this.save(this.paths.secretsFile, secretsNow, next.secrets, 0o600);
      const user = await this.save(this.paths.configFile, userNow, next.user, undefined);
      await this.tightenSecretsMode([]);
      const project = await this.readProjectFile(user.value ?? {}, []).catch(() => this.lastProject());
      this.apply(user, secrets, project);
    });
  }

  /** Save `value` unless it is what is on disk already; secrets files with nothing in them are not created. */
  private async save<T>(file: string, now: ReadFile<T>, value: T, mode: number | undefined): Promise<ReadFile<T>> {
    const text = jsonText(value);
    if (text === now.text) return now;
    if (now.text === undefined && mode !== undefined && isEmptySecrets(value as SecretsFile)) return now;
    await saveWithPrevious(file, text, { exists: now.text !== undefined, mode });
    return { text, value };
  }

  private async readRecovering<T>(file: string, schema: z.ZodType, mode: number | undefined, warnings: ConfigWarning[]): Promise<ReadFile<T>> {
    try {
      return await readJsonFile<T>(file, schema);
    } catch (error) {
      if (!(error instanceof ConfigCorruptError)) throw error;
      return this.lock.run(async () => {
        try {
          return await readJsonFile<T>(file, schema); // another process may have recovered it meanwhile
        } catch (again) {
          if (!(again instanceof ConfigCorruptError)) throw again;
          const recovery = await recoverCorrupt<T>(file, again, schema, mode);
          warnings.push({ message: recovery.error.message, error: recovery.error });
          return recovery.read;
        }
      });
    }
  }

  private async readProjectFile(user: HostConfig, warnings: ConfigWarning[]): Promise<ReadFile<HostConfig>> {
    const none = { text: undefined, value: undefined };
    if (!this.readProject) return none;
    const file = this.paths.projectFile;
    let read: ReadFile<HostConfig>;
    try {
      read = await readJsonFile<HostConfig>(file, hostConfigSchema);
    } catch (error) {
      if (!(error instanceof ConfigCorruptError)) throw error;
      warnings.push({ message: `${error.message}; the project file is ignored (it is not moved: it is yours)`, error });
      return none;
    }
    if (read.value === undefined) return none;
    const folder = dirname(dirname(file));
    if (!(user.trustedProjects ?? []).includes(folder)) {
      warnings.push({ message: `ignored the project configuration ${file}: the folder ${folder} is not trusted (run: berth config trust ${folder})` });
      return { text: read.text, value: undefined };
    }
    const { config, refused } = sanitizeProject(read.value);
    if (refused.length > 0) {
      warnings.push({ message: `ignored ${refused.join(', ')} in the project configuration ${file}: only the user's configuration may set them` });
    }
    return { text: read.text, value: config };
  }

  private async tightenSecretsMode(warnings: ConfigWarning[]): Promise<void> {
    for (const file of [this.paths.secretsFile, `${this.paths.secretsFile}.prev`]) {
      const loose = await looseModeBits(file);
      if (loose === 0) continue;
      await chmod(file, 0o600);
      warnings.push({ message: `the secrets file ${file} was readable by others (mode ${(0o600 | loose).toString(8)}); set it to 0600` });
    }
  }

  private lastProject(): ReadFile<HostConfig> {
    return { text: this.texts.project, value: this.snapshot.project };
  }

  private apply(user: ReadFile<HostConfig>, secrets: ReadFile<SecretsFile>, project: ReadFile<HostConfig>): void {
    const previous = this.snapshot;
    const userValue = user.value ?? {};
    this.snapshot = {
      user: userValue,
      project: project.value,
      secrets: secrets.value ?? {},
      effective: mergeConfigs(userValue, project.value),
    };
    this.texts = { user: user.text, secrets: secrets.text, project: project.text };
    for (const listener of this.listeners) listener(previous, this.snapshot);
  }
}

function isEmptySecrets(secrets: SecretsFile): boolean {
  return Object.keys(secrets.plugins ?? {}).length === 0 && Object.keys(secrets).every((k) => k === 'plugins');
}
