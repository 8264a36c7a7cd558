import type { PluginDefinition } from '@berth/sdk';
import { moduleError } from './errors.js';

/** Checks the plugin module's export and its declared identity against the manifest (as the trusted tier does). */
export function definitionOf(plugin: string, version: string, main: string, exported: unknown): PluginDefinition {
  const d = exported as Partial<PluginDefinition> | null;
  if (typeof d !== 'object' || d === null || typeof d.initialize !== 'function') {
    throw moduleError(plugin, main, 'its default export is not a plugin: export default definePlugin({ initialize(context) { … } })');
  }
  if (d.name !== undefined && d.name !== plugin) throw moduleError(plugin, main, `its code says name '${d.name}' but plugin.json says '${plugin}'`);
  if (d.version !== undefined && d.version !== version) {
    throw moduleError(plugin, main, `its code says version '${d.version}' but plugin.json says '${version}'`);
  }
  return d as PluginDefinition;
}
