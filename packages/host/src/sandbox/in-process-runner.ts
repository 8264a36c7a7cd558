import { pathToFileURL } from 'node:url';
import { isPluginDefinition, type PluginContext, type PluginDefinition } from '@berth/sdk';
import { PluginModuleError } from './plugin-module-error.js';
import type { PluginInstance, PluginRunner, RunnablePlugin } from './runner.js';

/** A fresh query string per start across every runner instance, so a reload always imports the new code. */
let generation = 0;

/**
 * The trusted tier: runs a plugin in the host process. For plugins the user marked trusted and for plugin
 * objects an embedder registers in code. No isolation at all — see `docs/security.md`.
 */
export class InProcessRunner implements PluginRunner {
  /** @inheritdoc */
  readonly tier = 'in-process';


  /** @inheritdoc */
  async start(plugin: RunnablePlugin, context: PluginContext): Promise<PluginInstance> {
    const definition = await this.#load(plugin);
    await definition.initialize(context);
    return {
      stop: async () => {
        try {
          await definition.dispose?.();
        } catch (error) {
          context.logger.warn({ err: error }, `dispose() of plugin '${plugin.name}' failed`);
        }
      },
      onExit: () => () => undefined,
    };
  }

  async #load(plugin: RunnablePlugin): Promise<PluginDefinition> {
    // A fresh query string per start, so a reload imports the new code (ESM caches by URL).
    const url = `${pathToFileURL(plugin.main).href}?berth=${++generation}`;
    const module = (await import(url)) as { default?: unknown; plugin?: unknown };
    return definitionOf(plugin, module.default ?? module.plugin);
  }
}

/** Checks a plugin module's export and its declared identity against the manifest. */
export function definitionOf(plugin: RunnablePlugin, exported: unknown): PluginDefinition {
  if (!isPluginDefinition(exported)) {
    throw new PluginModuleError(
      plugin.name,
      plugin.main,
      'its default export is not a plugin: export default definePlugin({ initialize(context) { … } })',
    );
  }
  if (exported.name !== undefined && exported.name !== plugin.name) {
    throw new PluginModuleError(plugin.name, plugin.main, `its code says name '${exported.name}' but plugin.json says '${plugin.name}'`);
  }
  if (exported.version !== undefined && exported.version !== plugin.version) {
    throw new PluginModuleError(
      plugin.name,
      plugin.main,
      `its code says version '${exported.version}' but plugin.json says '${plugin.version}'`,
    );
  }
  return exported;
}
