import type { JsonObject, JsonSchema, JsonValue, ToolAnnotations, ToolProgress } from '@berth/sdk';

/**
 * The host ⇄ plugin protocol: JSON-RPC 2.0 (`RpcConnection`) over newline-delimited JSON on a dedicated
 * channel (fd 3 of the child, never its stdout). Cancellation uses `$/cancelRequest`. Every name is listed
 * here; anything else is refused.
 */

/** Requests the host sends to the child. */
export const HostToChild = {
  /** Import the plugin's `main` and call `initialize` with a proxy context. */
  start: 'plugin/start',
  /** Call the plugin's `dispose`. */
  dispose: 'plugin/dispose',
  /** Call a function the plugin handed over (tool handler, hook, listener, service or provider method). */
  invoke: 'handler/invoke',
  /** Like `invoke`, for a method that returns an async iterable: items come as `handler/item` notifications. */
  stream: 'handler/stream',
} as const;

/** Notifications the host sends to the child. */
export const HostToChildNotice = {
  /** Progress of a `tools/call` the plugin made. */
  callProgress: 'tools/callProgress',
  /** The plugin's effective settings changed: `{ config }` replaces what `context.config` returns. */
  configChanged: 'config/changed',
} as const;

/** Requests the child sends to the host. Each is validated, checked against the grants and audited. */
export const ChildToHost = {
  toolsRegister: 'tools/register',
  toolsList: 'tools/list',
  toolsCall: 'tools/call',
  hooksOn: 'hooks/on',
  eventsOn: 'events/on',
  servicesCall: 'services/call',
  servicesProvide: 'services/provide',
  providersRegister: 'providers/register',
  mcpList: 'mcp/list',
  unregister: 'registration/dispose',
} as const;

/** Notifications the child sends to the host. */
export const ChildToHostNotice = {
  /** The event loop is alive (the watchdog's heartbeat). */
  heartbeat: 'heartbeat',
  /** A log line through `context.logger`. */
  log: 'log',
  /** `context.events.emit`. */
  eventsEmit: 'events/emit',
  /** Progress of a handler the host invoked. */
  progress: 'handler/progress',
  /** One item of a `handler/stream`. */
  item: 'handler/item',
  /** The sandbox inside the child denied something (network guard, permission model). */
  denied: 'sandbox/denied',
} as const;

/** Params of `plugin/start`. */
export interface StartParams {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
  readonly main: string;
  readonly dataDir: string;
  /** The effective settings, a snapshot (the plugin restarts when they change). */
  readonly config: JsonObject;
  /** Names of the permissions granted (so `services.get` can fail synchronously, as the API says). */
  readonly granted: readonly string[];
}

/** Milliseconds between the child's heartbeats (from its first line of code, so a spinning import is caught). */
export const HEARTBEAT_MS = 100;

/** Params of `handler/invoke` and `handler/stream`. */
export interface InvokeParams {
  /** The handler id the child assigned. */
  readonly handler: number;
  /** For objects (services, providers): the method name. */
  readonly member?: string;
  /** Positional arguments (data only). */
  readonly args: readonly JsonValue[];
  /** Index of the argument that carried an `AbortSignal` (an options object), if any. */
  readonly signalArg?: number;
  /** Token for progress notifications (tool handlers) or stream items. */
  readonly token?: string;
}

/** Params of `handler/progress`. */
export interface ProgressParams {
  readonly token: string;
  readonly update: ToolProgress;
}

/** Params of `handler/item`. */
export interface ItemParams {
  readonly token: string;
  readonly item: JsonValue;
}

/** A tool as the child registers it (the handler stays in the child). */
export interface ToolRegistration {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: JsonSchema;
  readonly outputSchema?: JsonSchema;
  readonly annotations?: ToolAnnotations;
  readonly handler: number;
}

/** An object whose methods stay in the child (a provided service, a provider). */
export interface RemoteObjectSpec {
  /** Its handler id. */
  readonly handler: number;
  /** Data-only own properties (e.g. a provider's `name`). */
  readonly data: JsonObject;
  /** Method names returning promises. */
  readonly methods: readonly string[];
  /** Method names returning async iterables. */
  readonly streams: readonly string[];
}

/** The result of a registering request: the id to pass to `registration/dispose`. */
export interface RegistrationResult {
  readonly registration: number;
}

/** An error as it crosses the channel, in the `data` of a JSON-RPC error. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly details?: JsonObject;
}
