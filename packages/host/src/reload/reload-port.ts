import type { BerthError, PluginManifest } from '@berth/sdk';
import type { Logger } from 'pino';
import type { PluginApi } from '../api/plugin-api.js';
import type { HostConfig } from '../config/host-config.js';
import type { ConfigStore } from '../config/store.js';
import type { PluginSettingsHolder } from '../lifecycle/plugin-config-view.js';
import type { PluginRecord } from '../lifecycle/plugin-record.js';
import type { PluginState } from '../registry/plugin-state.js';
import type { PluginInstance, PluginRunner } from '../sandbox/runner.js';

/**
 * What the reload machinery needs from the `PluginHost` that owns the records: the host keeps its state private
 * and hands this port to `reloadPlugin`.
 */
export interface ReloadPort {
  /** The host-wide plugin API. */
  readonly api: PluginApi;
  /** The host's logger. */
  readonly logger: Logger;
  /** The configuration store. */
  readonly store: ConfigStore;
  /** The configuration in force. */
  config(): HostConfig;
  /** A plugin's record. */
  record(name: string): PluginRecord | undefined;
  /** Every plugin name, in load order (dependencies first). */
  loadOrder(): readonly string[];
  /** The runner for a plugin as described by `record` (its new manifest). */
  runnerFor(record: PluginRecord): PluginRunner;
  /** The time limit of `initialize` for a manifest. */
  initializeTimeoutMs(manifest: PluginManifest): number;
  /** Makes a started generation the record's current one: its settings holder and its crash listener. */
  adopt(record: PluginRecord, instance: PluginInstance, settings: PluginSettingsHolder): void;
  /** Moves a record to another state (listeners and events told). */
  transition(record: PluginRecord, to: PluginState, reason?: BerthError): void;
  /** Starts a plugin that is not running; resolves when it is active or failed. */
  activate(name: string): Promise<void>;
  /** Stops and starts a running plugin. */
  restart(name: string): Promise<void>;
  /** Lists a lazy plugin's declared contributions again (after its manifest changed). */
  redeclare(record: PluginRecord): void;
}
