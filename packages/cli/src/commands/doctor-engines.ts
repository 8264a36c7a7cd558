import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { JsonValue } from '@berth/sdk';
import type { ControlOperations, PermissionsView } from '@berth/host/control';
import type { DockerAccess, PluginEngine } from '@berth/host';

/** What the doctor says of one plugin's Docker engines: each engine, or why its engine cannot be used. */
export interface DoctorEngines {
  /** The engines, the default first. */
  readonly docker?: readonly PluginEngine[];
  /** Why the engine cannot be used (a wrong CA, no client certificate…), with the fix. */
  readonly dockerError?: string;
}

/** The engines of every plugin granted `docker.access`, opened for the doctor and closed by `close()`. */
export interface OpenedEngines {
  /** Per plugin. */
  readonly byPlugin: ReadonlyMap<string, DoctorEngines>;
  /** The Sandbox Manager's access (its policy sockets answer while the doctor runs), if it holds docker.access. */
  readonly sandboxManager?: DockerAccess;
  /** Stops the policy sockets and removes their folder. */
  close(): Promise<void>;
}

/** A plugin's settings as values. */
export async function settingsOf(ops: ControlOperations, plugin: string): Promise<Record<string, JsonValue>> {
  return Object.fromEntries((await ops.listSettings(plugin)).map((v) => [v.key, v.value as JsonValue]));
}

/**
 * Opens the Docker engines each plugin granted `docker.access` would use — its policy sockets in a temporary folder,
 * no plugin process started — the way its start would: a remote engine is asked its version, and a TLS setting
 * that cannot work (wrong CA, no client certificate) is that plugin's error, named with the fix.
 */
export async function openEngines(ops: ControlOperations, permissions: readonly PermissionsView[]): Promise<OpenedEngines> {
  const { AuditLog, startDockerAccess } = await import('@berth/host');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-doctor-'));
  const audit = new AuditLog(path.join(dir, 'audit.jsonl'));
  const opened: DockerAccess[] = [];
  const byPlugin = new Map<string, DoctorEngines>();
  let sandboxManager: DockerAccess | undefined;
  for (const view of permissions.filter((p) => p.granted.some((g) => g.permission === 'docker.access'))) {
    const pluginDir = path.join(dir, String(byPlugin.size));
    try {
      const access = await startDockerAccess(view.plugin, pluginDir, await settingsOf(ops, view.plugin), audit);
      opened.push(access);
      byPlugin.set(view.plugin, { docker: access.engines });
      if (view.plugin === 'sandbox-manager') sandboxManager = access;
    } catch (error) {
      byPlugin.set(view.plugin, { dockerError: (error as Error).message });
    }
  }
  return {
    byPlugin,
    ...(sandboxManager !== undefined ? { sandboxManager } : {}),
    close: async () => {
      await Promise.all(opened.map((a) => a.close().catch(() => undefined)));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
