import { existsSync } from 'node:fs';
import path from 'node:path';
import { berthPaths, controlSocketPath, ControlClient, type ControlOperations } from '@berth/host/control';
import type { GlobalOptions } from './context.js';

/** The data folder and control socket the global options point at. */
export function controlTarget(options: GlobalOptions): { readonly dataDir: string; readonly socket: string } {
  const dataDir = berthPaths(options.config !== undefined ? { configFile: path.resolve(options.config) } : {}).dataDir;
  return { dataDir, socket: controlSocketPath(dataDir) };
}

/** The running server for these options, or undefined (none listens on the data folder's control socket). */
export async function connectServer(options: GlobalOptions): Promise<ControlClient | undefined> {
  const { socket } = controlTarget(options);
  return existsSync(socket) ? ControlClient.connect(socket) : undefined;
}

/** The running server to ask, unless `--plugins-dir` asks for other roots than it serves (then: undefined). */
export async function serverFor(options: GlobalOptions): Promise<ControlClient | undefined> {
  return (options.pluginsDir ?? []).length === 0 ? connectServer(options) : undefined;
}

/**
 * Runs `work` on the control operations: the running `berth serve`'s, over its control socket, when one serves
 * this data folder (and no `--plugins-dir` asks for other roots); else a host over the files, started only as far
 * as resolution (no plugin runs; `callTool` starts them). The client or host is closed afterwards.
 */
export async function withOperations<T>(options: GlobalOptions, work: (ops: ControlOperations) => Promise<T>): Promise<T> {
  const client = await serverFor(options);
  if (client !== undefined) {
    try {
      return await work(client);
    } finally {
      client.close();
    }
  }
  const { withHost } = await import('./context.js');
  const { HostOperations } = await import('@berth/host');
  const { socket } = controlTarget(options);
  // Plugins' warnings belong to serve, doctor and providers; here they go to `berth logs <plugin>` only.
  const quiet = { ...options, logLevel: options.logLevel ?? 'error' };
  return withHost(quiet, (host) => work(new HostOperations(host, { socket })), { activate: false });
}
