import type { BerthError } from '@berth/sdk';
import type { DiscoveryRoot } from './roots.js';

/** What discovery reads from a manifest: a structural subset of `PluginManifest` from `@berth/sdk`. */
export interface DiscoverableManifest {
  /** The plugin's name. */
  readonly name: string;
  /** Its version. */
  readonly version: string;
}

/**
 * What a manifest loader answers for one plugin folder: a structural subset of the manifest module's
 * `ManifestLoadResult`, so `loadManifest` plugs in as it is.
 */
export type DiscoveryLoadResult<M extends DiscoverableManifest, W = unknown> =
  | {
      readonly ok: true;
      /** The validated manifest. */
      readonly manifest: M;
      /** Problems that do not stop the plugin. */
      readonly warnings: readonly W[];
      /** The real absolute path of `main`, when the loader checked it. */
      readonly mainPath?: string | undefined;
    }
  | {
      readonly ok: false;
      /** The error to report (unreadable, bad JSON, invalid manifest, missing `main`). */
      readonly error: BerthError;
      /** The plugin's name, when the manifest still gives a usable one. */
      readonly name?: string | undefined;
    };

/**
 * Reads, parses and validates `<pluginDir>/plugin.json` (including that `main` exists), e.g. `loadManifest`.
 * Should not throw; a throw is still caught and reported as the plugin's error.
 */
export type DiscoveryLoader<M extends DiscoverableManifest, W = unknown> = (pluginDir: string) => Promise<DiscoveryLoadResult<M, W>>;

/** Where a plugin folder is. */
export interface PluginLocation {
  /** The plugin folder (absolute). */
  readonly dir: string;
  /** The root it was found in. */
  readonly root: DiscoveryRoot;
  /** `<dir>/plugin.json`. */
  readonly manifestFile: string;
  /** The folder's name inside the root (`name` or `@scope/name`). */
  readonly folder: string;
}

/** A plugin folder with a valid manifest, offered to resolution. */
export interface DiscoveredPlugin<M extends DiscoverableManifest = DiscoverableManifest, W = unknown> extends PluginLocation {
  /** The validated manifest. */
  readonly manifest: M;
  /** The loader's warnings (unknown fields, …). */
  readonly warnings: readonly W[];
  /** The real absolute path of `main`, when the manifest has one. */
  readonly mainPath?: string | undefined;
}

/** A plugin folder that could not be loaded: skipped, with its error (which lists every problem found). */
export interface BrokenPlugin extends PluginLocation {
  /** Why it could not be loaded (`BERTH_MANIFEST_UNREADABLE`, `_JSON`, `_INVALID` or `BERTH_MAIN_MISSING`). */
  readonly error: BerthError;
  /** The plugin's name, when its manifest still gives a usable one. */
  readonly name?: string | undefined;
}

/** A valid plugin hidden by another copy of the same name from a higher-precedence root (or same version). */
export interface ShadowedPlugin<M extends DiscoverableManifest = DiscoverableManifest, W = unknown>
  extends DiscoveredPlugin<M, W> {
  /** The copy that wins over it. */
  readonly shadowedBy: DiscoveredPlugin<M, W>;
  /** One line naming both copies and both paths. */
  readonly reason: string;
}

/** A root that exists but could not be listed. */
export interface UnreadableRoot {
  /** The root. */
  readonly root: DiscoveryRoot;
  /** Why it could not be listed. */
  readonly error: BerthError;
}

/** What {@link discover} found, every list in root order, then folder-name order. */
export interface DiscoveryResult<M extends DiscoverableManifest = DiscoverableManifest, W = unknown> {
  /** Valid plugins that reach resolution (possibly several versions of one name). */
  readonly candidates: readonly DiscoveredPlugin<M, W>[];
  /** Plugin folders that could not be loaded, with their errors. */
  readonly broken: readonly BrokenPlugin[];
  /** Valid plugins hidden by another copy (see the precedence rule on {@link discover}). */
  readonly shadowed: readonly ShadowedPlugin<M, W>[];
  /** Roots that exist but could not be listed (missing roots are simply empty). */
  readonly unreadableRoots: readonly UnreadableRoot[];
}
