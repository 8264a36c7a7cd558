import type { JsonValue, PluginConfigView } from '@berth/sdk';

/** The plugin's name, as its manifest says. */
export const PLUGIN_NAME = 'sandbox-manager';

/** Which backend runs sandboxes. */
export type BackendChoice = 'auto' | 'docker' | 'bwrap';

/** A named preset of `create` arguments. */
export interface SandboxTemplate {
  /** The image (Docker backend). */
  readonly image?: string;
  /** CPUs. */
  readonly cpus?: number;
  /** Memory in MiB. */
  readonly memory_mb?: number;
  /** Process limit. */
  readonly pids?: number;
  /** Environment of every command. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * One engine of `docker_engines`. Under Berth the host gives each entry a policy socket of its own
 * (`docker_socket`) and keeps the engine keys (`docker_host`, `docker_context`, TLS, path map) to itself.
 */
export interface EngineEntry {
  /** The name sandboxes on it are listed with (default `engine-<n>`). */
  readonly name?: string;
  /** Its (policy) socket; default the plugin's `docker_socket`. */
  readonly docker_socket?: string;
  /** The most sandboxes it holds at once (default `max_sandboxes`). */
  readonly max_sandboxes?: number;
}

/** The plugin's settings, typed, with the manifest's defaults filled in. */
export interface SandboxSettings {
  readonly backend: BackendChoice;
  readonly docker_socket: string;
  /** Several engines at once (empty: the one of `docker_socket`). */
  readonly docker_engines: readonly EngineEntry[];
  readonly default_image: string;
  readonly templates: Readonly<Record<string, SandboxTemplate>>;
  readonly allowed_roots: readonly string[];
  readonly allow_network: boolean;
  readonly keep_on_stop: boolean;
  readonly on_start_leftovers: 'adopt' | 'remove';
  readonly user: string;
  readonly default_cpus: number;
  readonly max_cpus: number;
  readonly default_memory_mb: number;
  readonly max_memory_mb: number;
  readonly default_pids: number;
  readonly max_pids: number;
  readonly default_lifetime_seconds: number;
  readonly max_lifetime_seconds: number;
  readonly default_idle_timeout_seconds: number;
  readonly max_sandboxes: number;
  readonly default_exec_seconds: number;
  readonly max_exec_seconds: number;
  readonly max_output_bytes: number;
}

/** The manifest's defaults (kept in step with `plugin.json`). */
export const DEFAULT_SETTINGS: SandboxSettings = {
  backend: 'auto',
  docker_socket: '/var/run/docker.sock',
  docker_engines: [],
  default_image: 'node:20-bookworm-slim',
  templates: {},
  allowed_roots: [],
  allow_network: false,
  keep_on_stop: false,
  on_start_leftovers: 'remove',
  user: '65534:65534',
  default_cpus: 1,
  max_cpus: 2,
  default_memory_mb: 1024,
  max_memory_mb: 4096,
  default_pids: 128,
  max_pids: 1024,
  default_lifetime_seconds: 3600,
  max_lifetime_seconds: 86400,
  default_idle_timeout_seconds: 900,
  max_sandboxes: 20,
  default_exec_seconds: 60,
  max_exec_seconds: 600,
  max_output_bytes: 1048576,
};

/** Settings from the plugin's configuration view (unset keys take the defaults). */
export function readSettings(config: PluginConfigView | Readonly<Record<string, JsonValue | undefined>>): SandboxSettings {
  const get = (key: string): JsonValue | undefined =>
    typeof (config as PluginConfigView).get === 'function' ? (config as PluginConfigView).get(key) : (config as Record<string, JsonValue | undefined>)[key];
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS)) {
    const value = get(key);
    if (value !== undefined && value !== null) merged[key] = value;
  }
  return merged as unknown as SandboxSettings;
}
