import type { EventsApi, JsonValue } from '@berth/sdk';
import type { EventBus } from '../events/event-bus.js';
import { pluginEventName } from '../events/plugin-event-name.js';
import type { Liveness } from './liveness.js';

/**
 * `context.events` of one plugin: listens under its name; emits `<plugin>:<event>` only. The payload is copied
 * (`structuredClone`) so listeners never share an object with the emitter, exactly as across a sandbox boundary.
 */
export function eventsApiFor(bus: EventBus, plugin: string, liveness: Liveness): EventsApi {
  return {
    on: (event: string, listener: (payload: never) => void | Promise<void>): (() => void) => {
      liveness.assertAlive(`listen to '${event}' for`);
      return bus.on(plugin, event, listener);
    },
    emit: (event: string, payload?: JsonValue): void => {
      liveness.assertAlive(`emit '${event}' for`);
      const name = pluginEventName(plugin, event);
      bus.emit(name, payload === undefined ? null : structuredClone(payload));
    },
  };
}
