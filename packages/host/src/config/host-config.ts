import type { JsonValue } from '@berth/sdk';

/** A granted permission as saved: the permission name and, for scoped ones, its scope (paths, hosts, names). */
export interface SavedGrant {
  /** The permission, e.g. `filesystem.read`. */
  readonly permission: string;
  /** Its scope, when scoped (paths for filesystem, hosts for network, variable names for env). */
  readonly scope?: readonly string[];
}

/** What the host saves about one plugin. */
export interface SavedPluginState {
  /** False when the user disabled it. Absent means enabled. */
  readonly enabled?: boolean;
  /** Settings the user set (secrets are kept apart, in the secrets file). */
  readonly settings?: Readonly<Record<string, JsonValue>>;
  /** Permissions the user approved. */
  readonly grants?: readonly SavedGrant[];
  /** The version whose permissions were approved. */
  readonly approvedVersion?: string;
  /**
   * The install identity the grants were approved for (`<source>#<integrity>` for an installed package,
   * `folder:<real path>` for a plugin folder). A plugin of the same name with another identity does not inherit the
   * grants. Absent in entries written before identities existed: those grants still apply by name.
   */
  readonly identity?: string;
  /** Run in the trusted tier (in-process) instead of a sandboxed child. */
  readonly trusted?: boolean;
}

/**
 * The host's configuration file (`config.json` in the user's config directory, or `--config <file>`).
 * One file holds every plugin's enabled state, grants and settings, the user's aliases and the endpoint settings
 * (the endpoint's token is kept apart, in `serve-token`, mode 0600).
 */
export interface HostConfig {
  /** Per plugin, by name. */
  readonly plugins?: Readonly<Record<string, SavedPluginState>>;
  /** Contribution aliases: namespaced id (`<plugin>/<name>`) → the id to publish it under. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Extra plugin roots. */
  readonly pluginDirs?: readonly string[];
  /**
   * Project folders whose `.berth/config.json` the user trusts to override this file (absolute paths). A project
   * file elsewhere is ignored with a warning: a cloned repository must not redirect a plugin's settings.
   */
  readonly trustedProjects?: readonly string[];
  /** The `berth serve` endpoints. */
  readonly serve?: {
    readonly port?: number;
    readonly host?: string;
  };
}
