import type { HookHandler, HookName, HookOptions, HooksApi } from '@berth/sdk';
import type { HookEngine } from '../hooks/hook-engine.js';
import type { Liveness } from './liveness.js';

/** `context.hooks` of one plugin: handlers are registered (and permission-checked) under its name. */
export function hooksApiFor(engine: HookEngine, plugin: string, liveness: Liveness): HooksApi {
  return {
    on: <K extends HookName>(name: K, handler: HookHandler<K>, options?: HookOptions): (() => void) => {
      liveness.assertAlive(`add a '${name}' hook handler for`);
      return engine.on(plugin, name, handler, options);
    },
  };
}
