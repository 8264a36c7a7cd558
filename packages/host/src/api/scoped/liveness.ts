import { PluginStateError } from '@berth/sdk';

/** Whether a plugin's context still works; after `dispose()` every registration through it is refused. */
export interface Liveness {
  /** Throws `PluginStateError` once the context is disposed. */
  assertAlive(operation: string): void;
}

/** A {@link Liveness} that is alive until `end()` is called. */
export function createLiveness(plugin: string): Liveness & { end(): void } {
  let alive = true;
  return {
    assertAlive(operation: string): void {
      if (!alive) throw new PluginStateError(plugin, 'stopped', operation);
    },
    end(): void {
      alive = false;
    },
  };
}

/** A liveness that never ends (for APIs handed out as host services). */
export const ALWAYS_ALIVE: Liveness = { assertAlive: () => undefined };
