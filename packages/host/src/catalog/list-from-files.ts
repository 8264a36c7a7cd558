import type { ConfigStore } from '../config/store.js';
import { buildRecords } from '../lifecycle/build-records.js';
import { hostRoots, readLockOrEmpty, type HostRootOptions } from '../lifecycle/host-roots.js';
import { toPluginInfo, type PluginInfo } from '../lifecycle/plugin-record.js';

/** Options of {@link listFromFiles}: the configuration and the roots, as a {@link PluginHost}'s. */
export interface FileListOptions extends HostRootOptions {
  /** The configuration to read. */
  readonly config: ConfigStore;
  /** Told of an untrusted project's plugin folder (a host logs it as a warning). Default: ignored. */
  readonly warn?: (message: string) => void;
}

/** The plugins as resolved from the files, and the configuration's and lock file's warnings. */
export interface FileListing {
  /** Every plugin found, sorted by name, in the state resolution gives it (none is started). */
  readonly plugins: PluginInfo[];
  /** The configuration's and the lock file's warnings (a host's start report has the same). */
  readonly warnings: string[];
}

/**
 * What `PluginHost.start({ activate: false })` then `list()` gives, without a host: discovery, manifests,
 * resolution and the configuration only — no plugin API, runner, MCP SDK, Docker or logger is loaded, so
 * `berth plugins list` with no server running answers at about the cost of starting Node.
 */
export async function listFromFiles(options: FileListOptions): Promise<FileListing> {
  const loaded = await options.config.load();
  const warnings = loaded.warnings.map((w) => w.message);
  const roots = hostRoots(options, options.config, loaded.config.pluginDirs ?? [], options.warn ?? (() => undefined));
  const lock = readLockOrEmpty(options.config, warnings);
  const built = await buildRecords(roots, loaded.config, lock);
  return { plugins: built.records.map(toPluginInfo).sort((a, b) => a.name.localeCompare(b.name)), warnings };
}
