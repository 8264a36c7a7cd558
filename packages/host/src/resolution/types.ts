import type { BerthError } from '@berth/sdk';

/** What resolution reads from a manifest: a structural subset of `PluginManifest` from `@berth/sdk`. */
export interface ResolvableManifest {
  /** The plugin's name. */
  readonly name: string;
  /** Its version (a valid semver). */
  readonly version: string;
  /** Plugin name → semver range it needs. */
  readonly dependencies?: Readonly<Record<string, string>>;
  /** Host versions it was written for; `berth` is a semver range of the host API. */
  readonly engines?: { readonly berth?: string | undefined };
}

/** One installed copy of a plugin offered to resolution (a discovery candidate has this shape). */
export interface ResolutionCandidate {
  /** Its validated manifest. */
  readonly manifest: ResolvableManifest;
  /** Its folder, named in messages as "(at <dir>)". */
  readonly dir: string;
  /** Its `plugin.json`, named in messages as the file to fix. */
  readonly manifestFile: string;
}

/** A plugin that will not be loaded, and why. */
export interface ResolutionFailure<C extends ResolutionCandidate = ResolutionCandidate> {
  /** The plugin's name. */
  readonly name: string;
  /** The installed copy that was considered (the chosen version), when one was. */
  readonly candidate: C | undefined;
  /** Why it is not loaded. */
  readonly error: BerthError;
}

/** What {@link resolve} decided. */
export interface Resolution<C extends ResolutionCandidate = ResolutionCandidate> {
  /** The copy to load, per plugin name: every dependency of each is also here and satisfies its range. */
  readonly loaded: ReadonlyMap<string, C>;
  /** The plugins not loaded, per name, with their errors. */
  readonly failed: ReadonlyMap<string, ResolutionFailure<C>>;
  /**
   * Load order as topological layers of plugin names: every dependency of a plugin is in an earlier layer, so the
   * plugins of one layer may start in parallel. Dispose in reverse (see {@link disposeOrder}).
   */
  readonly levels: readonly (readonly string[])[];
  /** Installed copies that were not chosen (other versions of a loaded or failed plugin). */
  readonly unused: readonly C[];
}

/** Inputs of {@link resolve} besides the candidates. */
export interface ResolveOptions {
  /** The host API version `engines.berth` is checked against; defaults to `HOST_API_VERSION`. */
  readonly hostApiVersion?: string;
  /**
   * Plugins known to be unavailable before resolution (broken manifests, disabled by the user), by name, with the
   * reason. They are not loaded; when installed they are listed in `failed` with that reason (as given when it is a
   * `BerthError`), and their dependents fail with `DependencyFailedError`.
   */
  readonly unavailable?: ReadonlyMap<string, Error>;
}
