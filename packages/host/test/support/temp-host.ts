import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ConfigStore, PluginHost, type DiscoveryRoot, type PluginHostOptions } from '@berth/host';

/** A host over the given roots, with its configuration and data in a fresh temporary folder. */
export async function tempHost(
  roots: readonly DiscoveryRoot[],
  options: Partial<PluginHostOptions> = {},
): Promise<{ host: PluginHost; home: string; cleanup: () => Promise<void> }> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'berth-host-'));
  const config = options.config ?? new ConfigStore({ configDir: path.join(home, 'config'), dataDir: path.join(home, 'data'), readProject: false });
  const host = new PluginHost({ roots, config, logger: pino({ level: 'silent' }), ...options });
  return {
    host,
    home,
    cleanup: async () => {
      await host.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** The lifecycle fixtures folder. */
export const lifecycleFixtures = path.join(import.meta.dirname, '..', 'fixtures', 'lifecycle');
