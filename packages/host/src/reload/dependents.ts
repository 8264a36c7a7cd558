import type { ReloadPort } from './reload-port.js';

/**
 * After `plugin` reloaded: restarts, in load order, each running plugin that depends on it (or on a plugin
 * restarted here) and whose manifest says `reload.onDependencyReload: "restart"`. The others are notified by the
 * `plugin:reloaded` event the switch emitted. Returns the restarted plugins; a failed restart is logged (the
 * plugin's state says why) and does not stop the others.
 */
export async function restartDependents(port: ReloadPort, plugin: string): Promise<string[]> {
  const changed = new Set([plugin]);
  const restarted: string[] = [];
  for (const name of port.loadOrder()) {
    const record = port.record(name);
    const manifest = record?.manifest;
    if (record === undefined || manifest === undefined || record.state !== 'active') continue;
    if (!Object.keys(manifest.dependencies).some((dependency) => changed.has(dependency))) continue;
    if (manifest.reload.onDependencyReload !== 'restart') continue;
    port.logger.info({ plugin: name, dependency: plugin }, `restarting plugin '${name}': its dependency '${plugin}' was reloaded`);
    try {
      await port.restart(name);
      restarted.push(name);
      changed.add(name);
    } catch (error) {
      port.logger.error({ err: error, plugin: name }, `restarting plugin '${name}' after '${plugin}' reloaded failed`);
    }
  }
  return restarted;
}
