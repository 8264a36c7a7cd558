import type { ControlEvent, PluginLogLine, ServerStatus } from '../types.js';

/** The methods of the control protocol: `control/<operation>`, their parameters an array (the operation's arguments). */
export const CONTROL_METHOD_PREFIX = 'control/';

/** `control/status`: who is serving (answered before the host has started, so a second server can be refused at once). */
export const STATUS_METHOD = 'control/status';

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
