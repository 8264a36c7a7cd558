import type { JsonObject, JsonValue, SerializedBerthError, ToolResult } from '@berth/sdk';
import type { SavedGrant } from '../config/host-config.js';
import type { PluginInfo } from '../lifecycle/plugin-record.js';
import type { AuditRecord } from '../permissions/audit-log.js';
import type { PluginState } from '../registry/plugin-state.js';
import type { SerializedReloadOutcome } from '../reload/reload-outcome.js';

/** Stops a subscription. */
export type Unsubscribe = () => void;

/** Where the answers come from: a running host (`live`) or the files alone, nothing started (`files`). */
export type ControlMode = 'live' | 'files';

/** One plugin in detail: `PluginInfo` plus what its manifest declares and what it registered. */
export interface PluginDetails extends PluginInfo {
  /** The manifest's description. */
  readonly description?: string;
  /** Its `plugin.json`. */
  readonly manifestFile: string;
  /** Tool ids: registered ones when it runs, else the manifest's static `contributes.tools`. */
  readonly tools: readonly string[];
  /** Permissions its manifest requests. */
  readonly requested: readonly SavedGrant[];
  /** Permissions in force (granted, or the core plugins' default). */
  readonly granted: readonly SavedGrant[];
}

/** One plugin's permissions (`berth permissions list`). */
export interface PermissionsView {
  /** The plugin. */
  readonly plugin: string;
  /** What its manifest requests. */
  readonly requested: readonly SavedGrant[];
  /** What is in force. */
  readonly granted: readonly SavedGrant[];
  /** Requested but not granted. */
  readonly missing: readonly SavedGrant[];
  /** A core plugin running on the default configuration's approval (the user never edited its grants). */
  readonly coreDefault: boolean;
}

/** What to grant: one permission (optionally scoped), or everything the plugin requests. */
export interface GrantRequest {
  /** The permission, e.g. `network`; absent: everything requested. */
  readonly permission?: string;
  /** Limit the grant to these paths, hosts or variable names. */
  readonly scope?: readonly string[];
  /** Grant a permission the plugin does not request. */
  readonly force?: boolean;
}

/** What to revoke: one permission (optionally only some scope entries), or every permission. */
export interface RevokeRequest {
  /** The permission; absent: every permission. */
  readonly permission?: string;
  /** Revoke only these scope entries. */
  readonly scope?: readonly string[];
}

/** One setting of a plugin (`berth config list`); secrets shown as `********`. */
export interface SettingView {
  /** The setting's name. */
  readonly key: string;
  /** Its effective value (redacted when secret); absent when unset without default. */
  readonly value?: JsonValue;
  /** `saved` in the configuration, or the manifest's `default`. */
  readonly source: 'saved' | 'default';
  /** Whether it is a secret. */
  readonly secret: boolean;
  /** What it is. */
  readonly description: string;
}

/** A setting's new value: JSON, or `text` parsed against the setting's type (as the CLI types it). */
export type SettingInput = { readonly value: JsonValue } | { readonly text: string };

/** A tool as `tools list` shows it. */
export interface ToolView {
  /** The namespaced id, `<plugin>/<name>` (or the user's alias). */
  readonly id: string;
  /** The owning plugin. */
  readonly plugin: string;
  /** The tool's name. */
  readonly name: string;
  /** What it does. */
  readonly description: string;
  /** `registry`: registered by the running plugin; `manifest`: declared in its static `contributes.tools`. */
  readonly source: 'registry' | 'manifest';
}

/** `tools list`: the tools, and the plugins whose tools are known only once they run. */
export interface ToolListing {
  /** The tools, sorted by id. */
  readonly tools: readonly ToolView[];
  /** Plugins that may register tools their manifest does not declare (MCP servers, code plugins without `contributes.tools`) and are not running. */
  readonly runtimeOnly: readonly { readonly plugin: string; readonly reason: string }[];
}

/** A query of the audit log. */
export interface AuditQuery {
  /** Only this plugin. */
  readonly plugin?: string;
  /** Only denials. */
  readonly denied?: boolean;
  /** The last n records (default 200). */
  readonly limit?: number;
}

/** A log level of a plugin's log line. */
export type LogLevelName = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** One line of a plugin's own log (what it wrote through `context.logger`, and its process's stdout/stderr). */
export interface PluginLogLine {
  /** When (ISO 8601). */
  readonly time: string;
  /** The plugin. */
  readonly plugin: string;
  /** Its level. */
  readonly level: LogLevelName;
  /** The message. */
  readonly msg: string;
  /** The structured fields besides those (`stream`, `err`, …). */
  readonly fields?: JsonObject;
}

/** A query of a plugin's log. */
export interface LogQuery {
  /** The last n lines (default 100). */
  readonly limit?: number;
  /** Only lines at this level or above. */
  readonly level?: LogLevelName;
}

/** Something that changed in a running host, as a console or `berth` subscriber receives it. */
export type ControlEvent =
  | {
      /** A plugin changed state. */
      readonly type: 'plugin:state';
      /** When (ISO 8601). */
      readonly time: string;
      /** The plugin. */
      readonly plugin: string;
      /** Its state before. */
      readonly from: PluginState;
      /** Its state now. */
      readonly to: PluginState;
      /** Why (failed, disabled, needs-approval). */
      readonly reason?: SerializedBerthError;
    }
  | {
      /** A reload finished (whatever its outcome). */
      readonly type: 'plugin:reload';
      /** When (ISO 8601). */
      readonly time: string;
      /** The plugin. */
      readonly plugin: string;
      /** What happened. */
      readonly outcome: SerializedReloadOutcome;
    }
  | {
      /** A plugin folder new to the host was loaded. */
      readonly type: 'plugin:added';
      /** When (ISO 8601). */
      readonly time: string;
      /** The plugin. */
      readonly plugin: string;
      /** It, as listed. */
      readonly info: PluginInfo;
    }
  | {
      /** A plugin's settings changed (values redacted). */
      readonly type: 'config:changed';
      /** When (ISO 8601). */
      readonly time: string;
      /** The plugin. */
      readonly plugin: string;
      /** The settings that changed. */
      readonly keys: readonly string[];
    }
  | {
      /** A tool appeared or went away. */
      readonly type: 'tools:changed';
      /** When (ISO 8601). */
      readonly time: string;
      /** The plugin. */
      readonly plugin: string;
      /** Added or removed. */
      readonly change: 'added' | 'removed';
      /** The tool's id. */
      readonly tool: string;
    }
  | {
      /** A permission decision was recorded. */
      readonly type: 'audit';
      /** When (ISO 8601). */
      readonly time: string;
      /** The decision. */
      readonly record: AuditRecord;
    };

/** The running server a control client talks to. */
export interface ServerStatus {
  /** Its process id. */
  readonly pid: number;
  /** Its control socket. */
  readonly socket: string;
  /** Its data folder. */
  readonly dataDir: string;
  /** When it started (ISO 8601). */
  readonly startedAt: string;
  /** The Berth version. */
  readonly version: string;
  /** Its HTTP base URL, when it serves HTTP. */
  readonly url?: string;
}

/**
 * The operations on a host that the CLI, the web console and an embedder share. One implementation acts on a
 * {@link PluginHost} in this process (`HostOperations`, live or over the files alone); another forwards each call
 * over the control socket to a running `berth serve` (`ControlClient`). Every method is asynchronous and its
 * results are plain data (JSON), so both behave the same. Errors are `BerthError`s (re-created from their codes on
 * the client side).
 */
export interface ControlOperations {
  /** `live` (a running host answers) or `files` (nothing started). */
  readonly mode: ControlMode;
  /** Every plugin, sorted by name. */
  listPlugins(): Promise<PluginInfo[]>;
  /** One plugin in detail; `BERTH_PLUGIN_NOT_FOUND` when unknown. */
  inspectPlugin(name: string): Promise<PluginDetails>;
  /** Enables a plugin (saved); a live host starts it when it can run. */
  enablePlugin(name: string): Promise<PluginInfo>;
  /** Disables a plugin (saved); a live host stops it and its dependents. */
  disablePlugin(name: string): Promise<PluginInfo>;
  /** Hot-reloads a plugin from its folder (live only); a name the host does not know yet is looked for in the roots first. */
  reloadPlugin(name: string): Promise<SerializedReloadOutcome>;
  /** Looks for plugin folders new to the host in its roots and loads them; returns the ones added. */
  loadNewPlugins(): Promise<PluginInfo[]>;
  /** Requested and granted permissions, of one plugin or all. */
  listPermissions(plugin?: string): Promise<PermissionsView[]>;
  /** Grants a permission; a live host applies it at once (a waiting plugin starts). */
  grantPermission(plugin: string, request: GrantRequest): Promise<PermissionsView>;
  /** Revokes a permission; a live host stops a plugin now missing a permission (needs-approval). */
  revokePermission(plugin: string, request: RevokeRequest): Promise<PermissionsView>;
  /** Every setting of a plugin. */
  listSettings(plugin: string): Promise<SettingView[]>;
  /** One setting's effective value (redacted when secret); `BERTH_SETTING_NOT_FOUND` when the manifest declares no such setting. */
  getSetting(plugin: string, key: string): Promise<SettingView>;
  /** Validates and saves a setting; a live host gives the running plugin its new value (or restarts it). */
  setSetting(plugin: string, key: string, input: SettingInput): Promise<SettingView>;
  /** Removes a saved setting (its default applies again). */
  unsetSetting(plugin: string, key: string): Promise<SettingView>;
  /** The tools: registered ones of a live host, else (and for plugins not running) the manifests' static declarations. */
  listTools(): Promise<ToolListing>;
  /** Calls a tool through the registry (validation, guards, sandbox, time limit). */
  callTool(id: string, args: JsonObject, options?: { readonly timeoutMs?: number }): Promise<ToolResult>;
  /** The audit log's records, oldest first. */
  queryAudit(query?: AuditQuery): Promise<AuditRecord[]>;
  /** A plugin's recent log lines, oldest first. */
  readLogs(plugin: string, query?: LogQuery): Promise<PluginLogLine[]>;
  /** Be told of each new log line of a plugin (live only). */
  followLogs(plugin: string, listener: (line: PluginLogLine) => void): Promise<Unsubscribe>;
  /** Be told of every change: states, reloads, new plugins, settings, tools, audit records (live only). */
  subscribe(listener: (event: ControlEvent) => void): Promise<Unsubscribe>;
}
