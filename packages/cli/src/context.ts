import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { ConfigStore, PluginHost } from '@berth/host';

/** The options every command shares (set on the root program). */
export interface GlobalOptions {
  /** `--config <file>`: the configuration file to use instead of the user's. */
  readonly config?: string;
  /** `--plugins-dir <dir...>`: extra plugin roots. */
  readonly pluginsDir?: readonly string[];
  /** `--log-level <level>`. */
  readonly logLevel?: string;
}

/** The host could not start (a corrupt configuration it cannot recover from, an unreadable folder): exit code 5. */
export class HostStartError extends Error {
  /** @param cause - why */
  constructor(cause: unknown) {
    super(`the host could not start: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'HostStartError';
  }
}

/** The core plugins shipped with Berth: the repository's `plugins/` folder. */
export function coreDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'plugins');
}

/** A configuration store for the global options. */
export function configStore(options: GlobalOptions): ConfigStore {
  return new ConfigStore({ ...(options.config !== undefined ? { configFile: path.resolve(options.config) } : {}) });
}

/**
 * The CLI's logger: pino to stderr (stdout is for results and, with `serve --stdio`, for the protocol), as readable
 * lines on a terminal and as JSON lines otherwise (`BERTH_LOG_FORMAT=json|pretty` chooses).
 */
export function cliLogger(options: GlobalOptions): Logger {
  const level = options.logLevel ?? 'warn';
  const format = process.env['BERTH_LOG_FORMAT'] ?? (process.stderr.isTTY ? 'pretty' : 'json');
  if (format !== 'pretty') return pino({ name: 'berth', level }, pino.destination({ fd: 2, sync: true }));
  const stream = pretty({ destination: 2, sync: true, colorize: process.stderr.isTTY, ignore: 'pid,hostname,name', translateTime: 'HH:MM:ss' });
  return pino({ name: 'berth', level }, stream);
}

/** A plugin host for the global options (not started). */
export function createHost(options: GlobalOptions, logger: Logger = cliLogger(options)): PluginHost {
  return new PluginHost({
    config: configStore(options),
    coreDir: coreDir(),
    extraDirs: options.pluginsDir ?? [],
    logger,
  });
}

/** Runs `work` with a started host and stops the host afterwards, whatever happens. */
export async function withHost<T>(
  options: GlobalOptions,
  work: (host: PluginHost) => Promise<T>,
  start: { readonly activate?: boolean } = {},
): Promise<T> {
  const host = createHost(options);
  let report;
  try {
    report = await host.start(start);
  } catch (error) {
    throw new HostStartError(error);
  }
  for (const warning of report.warnings) process.stderr.write(`warning: ${warning}
`);
  try {
    return await work(host);
  } finally {
    await host.stop();
  }
}
