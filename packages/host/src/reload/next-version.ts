import { DependencyMismatchError, DependencyMissingError, HostApiMismatchError, ReloadRenamedError, type BerthError, type PluginManifest } from '@berth/sdk';
import { loadManifest } from '../manifest/load.js';
import type { PluginRecord } from '../lifecycle/plugin-record.js';
import { acceptsHostApi, HOST_API_VERSION } from '../resolution/host-api.js';
import { satisfiesRange } from '../resolution/ranges.js';

/** A plugin's new version, read from its folder and checked. */
export interface NextVersion {
  /** The validated manifest. */
  readonly manifest: PluginManifest;
  /** The real path of its `main`. */
  readonly mainPath?: string;
}

/**
 * Reads and validates the plugin's `plugin.json` again from its folder (every problem with file, field and fix),
 * then checks what resolution would: same name, host API (`engines.berth`), each dependency present in a version
 * matching its range. Returns the new version, or the error saying why it cannot run.
 */
export async function readNextVersion(
  record: PluginRecord,
  recordOf: (name: string) => PluginRecord | undefined,
): Promise<NextVersion | BerthError> {
  const loaded = await loadManifest(record.dir);
  if (!loaded.ok) return loaded.error;
  const { manifest } = loaded;
  if (manifest.name !== record.name) return new ReloadRenamedError(loaded.file, record.name, manifest.name);
  const engines = manifest.engines?.berth;
  if (!acceptsHostApi(engines, HOST_API_VERSION)) return new HostApiMismatchError(manifest.name, engines ?? '*', HOST_API_VERSION, loaded.file);
  for (const [dependency, range] of Object.entries(manifest.dependencies)) {
    const installed = recordOf(dependency);
    const version = installed?.manifest?.version;
    if (installed === undefined || version === undefined) return new DependencyMissingError(manifest.name, dependency, range, loaded.file);
    if (!satisfiesRange(version, range)) {
      return new DependencyMismatchError(manifest.name, dependency, range, [{ version, dir: installed.dir }], loaded.file);
    }
  }
  return { manifest, ...(loaded.mainPath !== undefined ? { mainPath: loaded.mainPath } : {}) };
}
