import { dirname, join, resolve } from 'node:path';
import envPaths from 'env-paths';
import { ConfigInvalidError } from '@berth/sdk/errors';

/** Where Berth keeps its files. Tests pass `configDir`/`dataDir` so they never touch the real user directories. */
export interface BerthPathOptions {
  /** The configuration directory (default: `env-paths('berth', {suffix: ''}).config`, or `$BERTH_HOME/config`). */
  readonly configDir?: string | undefined;
  /** The data directory (default: `env-paths('berth', {suffix: ''}).data`, or `$BERTH_HOME/data`). */
  readonly dataDir?: string | undefined;
  /** An explicit configuration file (`--config <file>`); replaces `<configDir>/config.json`. */
  readonly configFile?: string | undefined;
  /** The working directory whose `.berth/config.json` may override the user file (default: `process.cwd()`). */
  readonly cwd?: string | undefined;
  /** The environment to read `BERTH_HOME` from (default: `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** The resolved locations of Berth's files. */
export interface BerthPaths {
  /** The configuration directory. */
  readonly configDir: string;
  /** The data directory (plugin data lives in `<dataDir>/plugin-data/<name>`). */
  readonly dataDir: string;
  /** The file writes go to: `--config <file>` or `<configDir>/config.json`. */
  readonly configFile: string;
  /** The secrets file, next to the configuration file: `secrets.json`, mode 0600. */
  readonly secretsFile: string;
  /** The project file that may override the user file: `<cwd>/.berth/config.json`. */
  readonly projectFile: string;
  /** The cross-process lock guarding writes to the configuration and secrets files. */
  readonly lockFile: string;
}

/** Resolve Berth's file locations: explicit options, then `$BERTH_HOME`, then the platform's directories. */
export function berthPaths(options: BerthPathOptions = {}): BerthPaths {
  const env = options.env ?? process.env;
  const home = env['BERTH_HOME'];
  const platform = envPaths('berth', { suffix: '' });
  const configDir = resolve(options.configDir ?? (home !== undefined && home !== '' ? join(home, 'config') : platform.config));
  const dataDir = resolve(options.dataDir ?? (home !== undefined && home !== '' ? join(home, 'data') : platform.data));
  const configFile = resolve(options.configFile ?? join(configDir, 'config.json'));
  const fileDir = dirname(configFile);
  return {
    configDir,
    dataDir,
    configFile,
    secretsFile: join(fileDir, 'secrets.json'),
    projectFile: join(resolve(options.cwd ?? process.cwd()), '.berth', 'config.json'),
    lockFile: `${configFile}.lock`,
  };
}

/**
 * A plugin's own data directory, `<dataDir>/plugin-data/<name>`. The name is encoded so it can never leave that folder
 * (`/`, `\`, `..` and other unsafe characters become `%XX`). Not created; `mkdir -p` it before use.
 */
export function pluginDataDir(name: string, paths: Pick<BerthPaths, 'dataDir'> = berthPaths()): string {
  if (name === '') {
    throw new ConfigInvalidError({ plugin: name, setting: 'name', problem: 'a plugin name must not be empty' });
  }
  return join(paths.dataDir, 'plugin-data', safeSegment(name));
}

/** `name` as one safe path segment: only `[A-Za-z0-9_@.-]` kept, the rest and any leading dot as `%XX`. */
export function safeSegment(name: string): string {
  const encoded = name.replace(/[^A-Za-z0-9_@.-]/gu, (c) => encodeURIComponent(c).replace(/[!'()*]/gu, hexEscape));
  return encoded.startsWith('.') ? `%2E${encoded.slice(1)}` : encoded;
}

function hexEscape(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
}
