import os from 'node:os';
import path from 'node:path';
import type { PermissionEntry } from '@berth/sdk';
import type { McpAddOptions } from './lock-file.js';

/** Default ports of the URL schemes servers are commonly given, for a `host:port` network scope. */
const DEFAULT_PORTS: Readonly<Record<string, string>> = {
  'http:': '80',
  'https:': '443',
  'ws:': '80',
  'wss:': '443',
  'postgres:': '5432',
  'postgresql:': '5432',
  'mysql:': '3306',
  'redis:': '6379',
  'rediss:': '6379',
  'mongodb:': '27017',
  'amqp:': '5672',
};

/** True when a server argument is written as a path: `/…`, `./…`, `../…`, `~`, `~/…`. */
export function looksLikePath(text: string): boolean {
  return text.startsWith('/') || text.startsWith('./') || text.startsWith('../') || text === '~' || text.startsWith('~/') || text === '.' || text === '..';
}

function absolute(text: string, cwd: string): string {
  const home = text === '~' || text.startsWith('~/') ? path.join(os.homedir(), text.slice(1)) : text;
  return path.resolve(cwd, home);
}

/**
 * The server's arguments with every path made absolute (relative to `cwd`, `~` expanded), also after `--flag=`:
 * the server runs in its own folder, so `./notes` must mean the user's `./notes`.
 */
export function absoluteArgs(args: readonly string[], cwd: string): string[] {
  return args.map((arg) => {
    if (looksLikePath(arg)) return absolute(arg, cwd);
    const eq = /^(--?[A-Za-z0-9][\w-]*=)(.+)$/.exec(arg);
    return eq !== null && looksLikePath(eq[2] ?? '') ? `${eq[1] ?? ''}${absolute(eq[2] ?? '', cwd)}` : arg;
  });
}

/** The `host:port` a URL argument names (a database URL, an API base URL), if the argument is such a URL. */
export function urlHost(arg: string): string | undefined {
  const value = /^--?[\w-]+=(.+)$/.exec(arg)?.[1] ?? arg;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'file:' || url.hostname === '') return undefined;
    const port = url.port !== '' ? url.port : DEFAULT_PORTS[url.protocol];
    return port !== undefined ? `${url.hostname}:${port}` : url.hostname;
  } catch {
    return undefined;
  }
}

/** The paths among (already absolute) arguments, also after `--flag=`. */
function pathArgs(args: readonly string[]): string[] {
  return args.flatMap((arg) => {
    if (arg.startsWith('/')) return [arg];
    const value = /^--?[\w-]+=(\/.*)$/.exec(arg)?.[1];
    return value !== undefined ? [value] : [];
  });
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];

/**
 * The least-privilege permissions of an added MCP server, derived from its job as the user described it: its own
 * installed tree (read-only) and data folder are always its own; each path argument is granted (read, and write
 * unless `readOnly`) and nothing else of the filesystem; each URL argument and `--allow-net` entry as `host:port`;
 * `--allow-spawn` programs (those executables only); `--env-from` variables by name. Secrets reach it through its settings, not the
 * environment of the host.
 */
export function derivePermissions(add: McpAddOptions): PermissionEntry[] {
  const permissions: PermissionEntry[] = [];
  const paths = unique(pathArgs(add.args));
  if (paths.length > 0) {
    permissions.push({ permission: 'filesystem.read', paths });
    if (!add.readOnly) permissions.push({ permission: 'filesystem.write', paths });
  }
  const hosts = unique([...add.args.flatMap((arg) => urlHost(arg) ?? []), ...add.allowNet]);
  if (hosts.length > 0) permissions.push({ permission: 'network', hosts });
  if (add.envNames.length > 0) permissions.push({ permission: 'env', names: unique(add.envNames) });
  if (add.allowSpawn.length > 0) permissions.push({ permission: 'process.spawn', programs: unique(add.allowSpawn.map((p) => path.resolve(p))) });
  return permissions;
}
