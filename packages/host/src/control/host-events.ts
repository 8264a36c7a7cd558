import type { ConfigChange } from '@berth/sdk';
import type { PluginHost } from '../lifecycle/plugin-host.js';
import type { ControlEvent, Unsubscribe } from './types.js';

const now = (): string => new Date().toISOString();

/**
 * Subscribes `listener` to everything that changes in `host`: plugin states, reload outcomes, plugins added, settings
 * changed, tools added or removed, audit records. Returns the unsubscribe function. A listener that throws is
 * unsubscribed from nothing and never reaches the host.
 */
export function subscribeHostEvents(host: PluginHost, listener: (event: ControlEvent) => void): Unsubscribe {
  const tell = (event: ControlEvent): void => {
    try {
      listener(event);
    } catch (error) {
      host.logger.warn({ err: error }, 'a control event subscriber failed');
    }
  };
  const stops = [
    host.onStateChange((change) =>
      tell({ type: 'plugin:state', time: now(), plugin: change.plugin, from: change.from, to: change.to, ...(change.reason !== undefined ? { reason: change.reason.toJSON() } : {}) }),
    ),
    host.onReload((outcome) => tell({ type: 'plugin:reload', time: now(), plugin: outcome.plugin, outcome })),
    host.onPluginAdded((info) => tell({ type: 'plugin:added', time: now(), plugin: info.name, info })),
    host.audit.onRecord((record) => tell({ type: 'audit', time: record.time, record })),
    host.api.events.on('(host)', 'config:changed', (change: ConfigChange) => tell({ type: 'config:changed', time: now(), plugin: change.plugin, keys: change.keys })),
    host.api.tools.onChange((change) => tell({ type: 'tools:changed', time: now(), plugin: change.tool.plugin, change: change.type, tool: change.tool.id })),
  ];
  return () => stops.forEach((stop) => stop());
}
