import type { SavedGrant } from '../config/host-config.js';
import { addressMatches, nameMatches, parseNetworkScope, portAllowed } from '../network/scope.js';
import { expandScopePath, isWithin, type ScopeVars } from './scope-vars.js';

/** The folders a plugin may read and write, grants expanded (what the sandbox binds and allows). */
export interface FilesystemScopes {
  /** Absolute paths readable (always includes the plugin's folder and data folder). */
  readonly read: readonly string[];
  /** Absolute paths writable (always includes the data folder). */
  readonly write: readonly string[];
}

function scopesOf(plugin: string, grants: readonly SavedGrant[], permission: string, vars: ScopeVars): string[] {
  return grants
    .filter((g) => g.permission === permission && g.scope !== undefined)
    .flatMap((g) => (g.scope ?? []).map((p) => expandScopePath(plugin, permission, p, vars)));
}

/**
 * The filesystem a plugin may reach. Unscoped `filesystem.read` means its own folders only (its folder and its
 * data folder); unscoped `filesystem.write` its data folder only: those are granted to every plugin anyway.
 * Writable paths are readable too.
 */
export function filesystemScopes(plugin: string, grants: readonly SavedGrant[], vars: ScopeVars): FilesystemScopes {
  const write = [vars.pluginData, ...scopesOf(plugin, grants, 'filesystem.write', vars)];
  const read = [vars.pluginDir, ...write, ...scopesOf(plugin, grants, 'filesystem.read', vars)];
  return { read: [...new Set(read)], write: [...new Set(write)] };
}

/**
 * True when a target (`host`, `host:port`, `[v6]:port`) matches a network scope entry: a name (exact, `*.domain`),
 * an IP literal or CIDR range, each with an optional port or port range (see `network/scope.ts`). A target
 * without a port matches only entries without one.
 */
export function hostMatches(scope: string, target: string): boolean {
  let entry;
  try {
    entry = parseNetworkScope(scope);
  } catch {
    return false;
  }
  const [host, portText] = splitHostPort(target.toLowerCase());
  if (portText === undefined ? entry.ports !== undefined : !portAllowed(entry, Number(portText))) return false;
  return entry.kind === 'address' ? addressMatches(entry, host) : host === 'localhost' && entry.name === 'localhost' ? true : nameMatches(entry, host);
}

function splitHostPort(value: string): [string, string | undefined] {
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  if (bracket !== null) return [bracket[1] ?? '', bracket[2]];
  const parts = value.split(':');
  return parts.length === 2 ? [parts[0] ?? '', parts[1]] : [value, undefined];
}

/** True when the env-name scope entry covers `name` (exact, or a `PREFIX_*` wildcard). */
export function envNameMatches(scope: string, name: string): boolean {
  return scope.endsWith('*') ? name.startsWith(scope.slice(0, -1)) : scope === name;
}

/**
 * True when `grants` allow `permission` on `target`. Without a target: the permission is held at all. With one:
 * filesystem targets must lie within the expanded scopes (unscoped = the plugin's own folders), network hosts must
 * match a host scope (unscoped = any host), env names must match a name scope (unscoped = every variable); other
 * permissions are not scoped.
 */
export function grantsAllow(
  plugin: string,
  grants: readonly SavedGrant[],
  permission: string,
  target: string | undefined,
  vars: ScopeVars,
): boolean {
  const held = grants.filter((g) => g.permission === permission);
  if (permission.startsWith('filesystem.')) {
    if (target === undefined) return held.length > 0;
    const scopes = filesystemScopes(plugin, grants, vars);
    return (permission === 'filesystem.write' ? scopes.write : scopes.read).some((root) => isWithin(root, target));
  }
  if (held.length === 0) return false;
  if (target === undefined) return true;
  if (held.some((g) => g.scope === undefined)) return true;
  const scopes = held.flatMap((g) => g.scope ?? []);
  if (permission === 'network') return scopes.some((s) => hostMatches(s, target));
  if (permission === 'env') return scopes.some((s) => envNameMatches(s, target));
  return scopes.includes(target);
}
