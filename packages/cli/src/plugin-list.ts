import path from 'node:path';
import type { PluginInfo } from '@berth/host/control';
import { coreDir, type GlobalOptions } from './context.js';
import { HostStartError } from './host-start-error.js';
import { serverFor } from './operations.js';

/** The plugins `berth plugins list` shows, and where they come from. */
export interface PluginList {
  /** Every plugin, sorted by name. */
  readonly plugins: PluginInfo[];
  /** `live`: the running server's states; `files`: as resolved from the files (nothing started). */
  readonly mode: 'live' | 'files';
}

/**
 * The running server's plugins, or, with none, the plugins as resolved from the manifests and the configuration by
 * `@berth/host/catalog` — the same list a host started without activating gives, without loading the host (its
 * MCP SDKs, Docker, sandbox and logger), so listing costs little more than starting Node.
 */
export async function pluginList(options: GlobalOptions): Promise<PluginList> {
  const client = await serverFor(options);
  if (client !== undefined) {
    try {
      return { plugins: await client.listPlugins(), mode: 'live' };
    } finally {
      client.close();
    }
  }
  const { ConfigStore, listFromFiles } = await import('@berth/host/catalog');
  let listing;
  try {
    const config = new ConfigStore(options.config !== undefined ? { configFile: path.resolve(options.config) } : {});
    listing = await listFromFiles({ config, coreDir: coreDir(), extraDirs: options.pluginsDir ?? [] });
  } catch (error) {
    throw new HostStartError(error);
  }
  for (const warning of listing.warnings) process.stderr.write(`warning: ${warning}\n`);
  return { plugins: listing.plugins, mode: 'files' };
}
