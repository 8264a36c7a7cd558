import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { ConfigStore, PluginHost } from '@berth/host';
import { HostStartError } from './host-start-error.js';

export { HostStartError };

/** The options every command shares (set on the root program). */
export interface GlobalOptions {
  /** `--config <file>`: the configuration file to use instead of the user's. */
  readonly config?: string;
  /** `--plugins-dir <dir...>`: extra plugin roots. */
  readonly pluginsDir?: readonly string[];
  /** `--log-level <level>`. */
  readonly logLevel?: string;
}

/**
 * The core plugins shipped with Berth: the repository's `plugins/` folder, or, in an installed copy of the CLI
 * package, its own `plugins/` folder (copied there when the package is packed).
 */
export function coreDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const packed = path.resolve(here, '..', 'plugins');
  return packedCoreExists(packed) ? packed : path.resolve(here, '..', '..', '..', 'plugins');
}

function packedCoreExists(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** A configuration store for the global options. (The host library is loaded on first use: `berth` starts fast.) */
export async function configStore(options: GlobalOptions): Promise<ConfigStore> {
  const { ConfigStore } = await import('@berth/host');
  return new ConfigStore({ ...(options.config !== undefined ? { configFile: path.resolve(options.config) } : {}) });
}

/**
 * The CLI's logger: pino to stderr (stdout is for results and, with `serve --stdio`, for the protocol), as readable
 * lines on a terminal and as JSON lines otherwise (`BERTH_LOG_FORMAT=json|pretty` chooses).
 */
export async function cliLogger(options: GlobalOptions): Promise<Logger> {
  const { default: pino } = await import('pino');
  const level = options.logLevel ?? 'warn';
  const format = process.env['BERTH_LOG_FORMAT'] ?? (process.stderr.isTTY ? 'pretty' : 'json');
  if (format !== 'pretty') return pino({ name: 'berth', level }, pino.destination({ fd: 2, sync: true }));
  const { default: pretty } = await import('pino-pretty');
  const stream = pretty({ destination: 2, sync: true, colorize: process.stderr.isTTY, ignore: 'pid,hostname,name', translateTime: 'HH:MM:ss' });
  return pino({ name: 'berth', level }, stream);
}

/** A plugin host for the global options (not started). */
export async function createHost(options: GlobalOptions, logger?: Logger): Promise<PluginHost> {
  const { PluginHost } = await import('@berth/host');
  return new PluginHost({
    config: await configStore(options),
    coreDir: coreDir(),
    extraDirs: options.pluginsDir ?? [],
    logger: logger ?? (await cliLogger(options)),
  });
}

/** Runs `work` with a started host and stops the host afterwards, whatever happens. */
export async function withHost<T>(
  options: GlobalOptions,
  work: (host: PluginHost) => Promise<T>,
  start: { readonly activate?: boolean } = {},
): Promise<T> {
  const host = await createHost(options);
  let report;
  try {
    report = await host.start(start);
  } catch (error) {
    throw new HostStartError(error);
  }
  for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
  try {
    return await work(host);
  } finally {
    await host.stop();
  }
}
