import type { BerthError, PluginManifest, SerializedBerthError } from '@berth/sdk';
import type { PluginContextHandle } from '../api/context.js';
import type { SavedGrant } from '../config/host-config.js';
import type { RootKind } from '../discovery/roots.js';
import type { PluginState } from '../registry/plugin-state.js';
import type { PluginInstance } from '../sandbox/runner.js';
import type { PendingReload } from '../reload/reload-outcome.js';

/** Another copy of a plugin that discovery or resolution did not choose. */
export interface OtherCopy {
  /** Its folder. */
  readonly dir: string;
  /** Its version, when its manifest gave one. */
  readonly version?: string;
  /** The root it was found in. */
  readonly root: RootKind;
  /** Why it is not the one in use. */
  readonly reason: string;
}

/** What the host holds about one plugin (mutable, host-internal). */
export interface PluginRecord {
  /** The plugin's name (its folder name when the manifest gave none). */
  readonly name: string;
  /** Its folder. */
  readonly dir: string;
  /** The root it was found in. */
  readonly root: RootKind;
  /** Its `plugin.json`. */
  readonly manifestFile: string;
  /** The validated manifest; absent for broken plugins. */
  readonly manifest?: PluginManifest;
  /** The real path of `main`. */
  readonly mainPath?: string;
  /** The install identity its grants are bound to (none for core plugins); see `sources/identity.ts`. */
  readonly identity?: string;
  /** What Berth installed it from, when it came from a package (`berth mcp add`, `plugins install npm:…`). */
  readonly install?: InstallInfo;
  /** Copies shadowed by this one, or not chosen by resolution. */
  readonly others: OtherCopy[];
  /** Current state. */
  state: PluginState;
  /** Why it is failed, disabled or waiting for approval. */
  reason?: BerthError;
  /** Permissions requested but not granted (state needs-approval). */
  missingGrants: SavedGrant[];
  /** Where it runs, once started. */
  tier?: string;
  /** The running instance. */
  instance?: PluginInstance;
  /** Its context (to remove what it registered). */
  handle?: PluginContextHandle;
  /** The start in progress, so concurrent lazy activations share it. */
  starting?: Promise<void>;
  /** Removal of its declared (lazy) contributions. */
  undeclare?: () => void;
  /** Why the last reload did not happen (the running version kept serving); cleared by the next success. */
  reloadError?: BerthError;
  /** A new version waiting for approval of more permissions while this one serves. */
  pendingReload?: PendingReload;
}

/** Where an installed plugin came from, as `berth plugins inspect` shows it. */
export interface InstallInfo {
  /** `npm`, `tarball` or `folder`. */
  readonly source: string;
  /** The source as the user gave it, normalised (`npm:<package>@<range>`, a path). */
  readonly spec: string;
  /** The npm package. */
  readonly packageName: string;
  /** The exact installed version. */
  readonly version: string;
  /** The sha512 integrity of its tarball. */
  readonly integrity: string;
  /** How many packages its locked tree holds (the package included). */
  readonly packages: number;
  /** The version before the last update, which `berth plugins rollback` returns to. */
  readonly previousVersion?: string;
}

/** A plugin as `PluginHost.list()` and `berth plugins list --json` show it: data only, stable. */
export interface PluginInfo {
  /** The plugin's name. */
  readonly name: string;
  /** Its version (absent when its manifest is broken). */
  readonly version?: string;
  /** `provider`, `tool` or `mcp`. */
  readonly type?: string;
  /** Its state. */
  readonly state: PluginState;
  /** The root kind it was found in (`project`, `user`, `core`, `extra`). */
  readonly root: RootKind;
  /** Its folder. */
  readonly dir: string;
  /** The install identity its grants are bound to (none for core plugins). */
  readonly identity?: string;
  /** Where it was installed from, when Berth installed it from a package. */
  readonly install?: InstallInfo;
  /** `startup` or `lazy`. */
  readonly activation?: string;
  /** The isolation tier it runs in, once started. */
  readonly tier?: string;
  /** Why it is failed, disabled or waiting for approval. */
  readonly reason?: SerializedBerthError;
  /** Permissions requested but not yet granted. */
  readonly missingPermissions?: readonly SavedGrant[];
  /** Copies not in use (shadowed, other versions). */
  readonly others: readonly OtherCopy[];
  /** Why the last reload did not happen (the running version kept serving). */
  readonly reloadError?: SerializedBerthError;
  /** A new version waiting for approval of more permissions while the running one serves. */
  readonly pendingReload?: PendingReload;
}

/** The data-only view of a record. */
export function toPluginInfo(record: PluginRecord): PluginInfo {
  const m = record.manifest;
  return {
    name: record.name,
    ...(m !== undefined ? { version: m.version, type: m.type, activation: m.activation } : {}),
    state: record.state,
    root: record.root,
    dir: record.dir,
    ...(record.identity !== undefined ? { identity: record.identity } : {}),
    ...(record.install !== undefined ? { install: record.install } : {}),
    ...(record.tier !== undefined ? { tier: record.tier } : {}),
    ...(record.reason !== undefined ? { reason: record.reason.toJSON() } : {}),
    ...(record.missingGrants.length > 0 ? { missingPermissions: record.missingGrants } : {}),
    others: record.others,
    ...(record.reloadError !== undefined ? { reloadError: record.reloadError.toJSON() } : {}),
    ...(record.pendingReload !== undefined ? { pendingReload: record.pendingReload } : {}),
  };
}
