import type { PluginHost } from '../lifecycle/plugin-host.js';
import type { ToolListing, ToolView } from './types.js';

/** What a running host's registry holds (registered and lazily declared tools). */
export function registryTools(host: PluginHost): ToolListing {
  const tools: ToolView[] = host.api.tools.list().map((t) => ({ id: t.id, plugin: t.plugin, name: t.name, description: t.description, source: 'registry' }));
  return { tools: tools.sort((a, b) => a.id.localeCompare(b.id)), runtimeOnly: [] };
}

/**
 * The tools the manifests declare (`contributes.tools`), with nothing started; plugins that may register tools
 * only once they run — MCP servers, and code plugins declaring none — are listed apart. Disabled and broken
 * plugins offer none.
 */
export function manifestTools(host: PluginHost): ToolListing {
  const tools: ToolView[] = [];
  const runtimeOnly: { plugin: string; reason: string }[] = [];
  for (const info of host.list()) {
    const manifest = host.manifestOf(info.name);
    if (manifest === undefined || info.state === 'disabled' || info.state === 'failed') continue;
    const declared = manifest.contributes?.tools ?? [];
    for (const tool of declared) {
      tools.push({ id: `${info.name}/${tool.name}`, plugin: info.name, name: tool.name, description: tool.description, source: 'manifest' });
    }
    if (manifest.type === 'mcp') runtimeOnly.push({ plugin: info.name, reason: 'an MCP server: its tools are known once it runs' });
    else if (manifest.type === 'tool' && declared.length === 0) runtimeOnly.push({ plugin: info.name, reason: 'declares no tools in contributes.tools: they are known once it runs' });
  }
  return { tools: tools.sort((a, b) => a.id.localeCompare(b.id)), runtimeOnly };
}
