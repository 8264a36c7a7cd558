import type { ControlEvent, PluginLogLine, ServerStatus } from '../types.js';

/** The methods of the control protocol: `control/<operation>`, their parameters an array (the operation's arguments). */
export const CONTROL_METHOD_PREFIX = 'control/';

/** `control/status`: who is serving (answered before the host has started, so a second server can be refused at once). */
export const STATUS_METHOD = 'control/status';

/**
 * `control/authenticate` with the token the server wrote to {@link controlTokenPath} (mode 0600): every method but
 * `control/status` is refused on a connection until it succeeds. Being able to connect to the socket is not
 * enough (a sandboxed plugin may reach socket paths); being able to read this user's private file is.
 */
export const AUTHENTICATE_METHOD = 'control/authenticate';

/** The token file of the control socket `socket`, beside it in the private folder. */
export function controlTokenPath(socket: string): string {
  return `${socket}.token`;
}

/** `control/unsubscribe` with a subscription id. */
export const UNSUBSCRIBE_METHOD = 'control/unsubscribe';

/** The server's notification for a subscription: `{ id, event }` (from `subscribe`) or `{ id, line }` (from `followLogs`). */
export const NOTIFY_METHOD = 'control/notify';

/** A notification's payload. */
export type ControlNotification =
  | { readonly id: number; readonly event: ControlEvent }
  | { readonly id: number; readonly line: PluginLogLine };

/** The operations that answer with a subscription id instead of a value (the client keeps the listener). */
export const STREAMING_OPERATIONS = ['subscribe', 'followLogs'] as const;

/** What `control/status` answers. */
export type StatusAnswer = ServerStatus & { readonly ready: boolean };

/** Operations a client may call (everything of `ControlOperations` but `mode`). */
export const CONTROL_OPERATIONS = [
  'listPlugins',
  'inspectPlugin',
  'enablePlugin',
  'disablePlugin',
  'reloadPlugin',
  'loadNewPlugins',
  'listPermissions',
  'grantPermission',
  'revokePermission',
  'listSettings',
  'getSetting',
  'setSetting',
  'unsetSetting',
  'listTools',
  'callTool',
  'queryAudit',
  'readLogs',
  'followLogs',
  'subscribe',
] as const;

/** One of {@link CONTROL_OPERATIONS}. */
export type ControlOperationName = (typeof CONTROL_OPERATIONS)[number];
