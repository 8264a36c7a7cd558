/**
 * `@berth/host/control`: what a control client needs and nothing more (no plugin host, no MCP, no Docker), so
 * `berth` answers quickly when a server runs: the client, the socket's path, Berth's file locations, the types.
 * @packageDocumentation
 */
export { ControlClient } from './socket/control-client.js';
export { controlSocketPath } from './socket/socket-path.js';
export { berthPaths, type BerthPaths, type BerthPathOptions } from '../config/paths.js';
export type * from './types.js';
export { describeOutcome, type SerializedReloadOutcome } from '../reload/reload-outcome.js';
export type { PluginInfo, OtherCopy } from '../lifecycle/plugin-record.js';
export type { AuditRecord } from '../permissions/audit-log.js';
export type { SavedGrant } from '../config/host-config.js';
export { grantLabel } from './grant-label.js';
