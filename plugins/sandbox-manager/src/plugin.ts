import { definePlugin } from '@berth/sdk';
import type { DefinedPlugin } from '@berth/sdk';
import { SandboxRuntime } from './runtime.js';
import { PLUGIN_NAME, readSettings } from './settings.js';
import { sandboxTools } from './tools/index.js';

/** A Sandbox Manager plugin instance, and a look at its running state. */
export interface SandboxManagerPlugin {
  /** What the host loads. */
  readonly plugin: DefinedPlugin;
  /** The runtime of the current run (undefined when not started). */
  runtime(): SandboxRuntime | undefined;
}

/**
 * Makes a Sandbox Manager plugin: `initialize` registers its tools and opens the backend (sweeping what a previous
 * run left; Docker being down is not fatal, calls then say why); `dispose` destroys the sandboxes unless
 * `keep_on_stop`.
 */
export function createSandboxManagerPlugin(): SandboxManagerPlugin {
  let runtime: SandboxRuntime | undefined;
  const plugin = definePlugin({
    name: PLUGIN_NAME,
    version: '1.0.0',
    async initialize(context) {
      const current = new SandboxRuntime(readSettings(context.config), context.dataDir, context.logger);
      runtime = current;
      for (const definition of sandboxTools({ manager: () => current.manager() })) context.tools.register(definition);
      await current.manager().catch((error: unknown) => context.logger.warn({ err: (error as Error).message }, 'sandbox backend not available yet'));
    },
    async dispose() {
      await runtime?.close();
      runtime = undefined;
    },
  });
  return { plugin, runtime: () => runtime };
}

/** The plugin the host loads (`main` of `plugin.json`). */
export const sandboxManagerPlugin: DefinedPlugin = createSandboxManagerPlugin().plugin;
