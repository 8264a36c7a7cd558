import type { JsonValue } from '../json.js';

/** A plugin moved from one lifecycle state to another. */
export interface PluginStateChange {
  /** The plugin. */
  readonly plugin: string;
  /** The state it left (e.g. `loading`). */
  readonly from: string;
  /** The state it entered (e.g. `active`). */
  readonly to: string;
  /** Why, for `failed` and the like. */
  readonly reason?: string;
}

/** A contribution was added or removed. */
export interface ContributionChange {
  /** What kind of contribution. */
  readonly kind: 'tool' | 'provider' | 'mcp';
  /** Its published id (`<plugin>/<name>`, or the user's alias). */
  readonly id: string;
  /** The plugin that owns it. */
  readonly plugin: string;
}

/** A plugin's settings changed. */
export interface ConfigChange {
  /** The plugin whose settings changed. */
  readonly plugin: string;
  /** The settings that changed. */
  readonly keys: readonly string[];
  /** The old effective values of the changed settings (secret ones shown as `********`). */
  readonly old?: Readonly<Record<string, JsonValue>>;
  /** The new effective values of the changed settings (secret ones shown as `********`). */
  readonly new?: Readonly<Record<string, JsonValue>>;
}

/** A plugin-provided service went away (its provider stopped); calls through it now fail at once. */
export interface ServiceUnavailable {
  /** The service id. */
  readonly service: string;
  /** The plugin that provided it. */
  readonly provider: string;
}

/** A plugin was hot-reloaded: its new version took over (services it provides are new objects: get them again). */
export interface PluginReloaded {
  /** The plugin. */
  readonly plugin: string;
  /** The version that was replaced. */
  readonly from: string;
  /** The version now serving. */
  readonly to: string;
}

/** The host's events: name → payload. A plugin cannot emit these. */
export interface HostEventMap {
  /** A plugin changed state. */
  'plugin:stateChanged': PluginStateChange;
  /** A tool, provider or MCP server was registered. */
  'contribution:added': ContributionChange;
  /** A tool, provider or MCP server was removed. */
  'contribution:removed': ContributionChange;
  /** A plugin's settings changed. */
  'config:changed': ConfigChange;
  /** A plugin-provided service went away. */
  'service:unavailable': ServiceUnavailable;
  /** A plugin was hot-reloaded. */
  'plugin:reloaded': PluginReloaded;
}

/** The names of the host's events. */
export type HostEventName = keyof HostEventMap;

/** A plugin event as listeners name it: `<plugin>:<event>`. */
export type PluginEventName = `${string}:${string}`;

/** A listener; its errors are caught and logged with the listening plugin's name. */
export type EventListener<P> = (payload: P) => void | Promise<void>;

/** `context.events`: a typed emitter. Plugin events are namespaced `<plugin>:<event>`. */
export interface EventsApi {
  /** Subscribes to a host event; returns the unsubscribe function. */
  on<K extends HostEventName>(event: K, listener: EventListener<HostEventMap[K]>): () => void;
  /** Subscribes to a plugin event `<plugin>:<event>`; returns the unsubscribe function. */
  on(event: PluginEventName, listener: EventListener<JsonValue>): () => void;
  /**
   * Emits `<this plugin>:<event>` to every listener. Never throws because of a listener. `event` is a plain name
   * (`[A-Za-z0-9_.-]+`); throws `EventNameInvalidError` otherwise or when the result would be a host event name.
   */
  emit(event: string, payload?: JsonValue): void;
}
