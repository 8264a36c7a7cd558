/**
 * The shapes the console's API answers with: the host's own data types (type-only imports from its built
 * declarations, erased from the bundle), plus the console's additions.
 */
import type { PluginInfo as HostPluginInfo, ToolView as HostToolView } from '@berth/host';

export type { SavedGrant as Grant, PermissionsView, SettingView, AuditRecord, Approval, PluginHealth } from '@berth/host';

/** A plugin as the plugins view gets it: `PluginInfo` with its manifest's description. */
export type PluginInfo = HostPluginInfo & { readonly description?: string };

/** A tool as the tools view gets it: `ToolView` with its input schema. */
export type ToolView = HostToolView & { readonly inputSchema: Record<string, unknown> };
