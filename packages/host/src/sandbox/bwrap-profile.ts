import fs from 'node:fs';
import path from 'node:path';
import type { FilesystemScopes } from '../permissions/match.js';
import { isWithin } from '../permissions/scope-vars.js';
import type { SandboxCode } from './paths.js';

/** What bubblewrap exposes to a plugin. */
export interface BwrapPolicy {
  /** The plugin's folder (read-only). */
  readonly pluginDir: string;
  /** Granted folders (the data folder is among the writable ones). */
  readonly fs: FilesystemScopes;
  /** Share the host's network (else a new, empty network namespace). */
  readonly network: boolean;
  /** The Node binary to run. */
  readonly nodePath: string;
  /** The egress proxy's socket, bound into the (empty) network namespace: host path and path inside. */
  readonly egressSocket?: { readonly host: string; readonly inside: string };
  /**
   * Berth's own folders (see `berthFolders`): each one a granted folder contains is hidden under an empty,
   * read-only tmpfs, and granted paths inside one are dropped — except the plugin's own data folder (writable) and
   * installed tree (read-only), bound again on top.
   */
  readonly berthFolders?: readonly string[];
  /** The plugin's own data folder (kept inside a hidden Berth folder). */
  readonly pluginData?: string;
}

/** System folders bound read-only (or re-created as the same symlinks): the Node runtime and its libraries. */
const SYSTEM = ['/usr', '/lib', '/lib64', '/lib32', '/libx32', '/bin', '/sbin'];
/** Files a networked plugin needs for name resolution and TLS. */
const NETWORK_FILES = ['/etc/resolv.conf', '/etc/hosts', '/etc/nsswitch.conf', '/etc/ssl', '/etc/ca-certificates'];
/** Behind the egress proxy, names are resolved by the proxy: only the TLS trust store is needed. */
const EGRESS_FILES = ['/etc/ssl', '/etc/ca-certificates'];

function systemBinds(nodePath: string): string[] {
  const args: string[] = [];
  for (const p of SYSTEM) {
    const stat = fs.lstatSync(p, { throwIfNoEntry: false });
    if (stat?.isSymbolicLink() === true) args.push('--symlink', fs.readlinkSync(p), p);
    else if (stat?.isDirectory() === true) args.push('--ro-bind', p, p);
  }
  const node = fs.realpathSync(nodePath);
  if (!node.startsWith('/usr/')) args.push('--ro-bind', path.dirname(path.dirname(node)), path.dirname(path.dirname(node)));
  return args;
}

const depth = (p: string): number => p.split('/').length;

/**
 * Binds sorted so deeper paths come last (a deeper bind overrides its parent's); rw wins over ro on one path.
 * A Berth folder inside a bound one is covered by an empty tmpfs after its parent's bind (before any deeper bind:
 * the plugin's own data folder and tree come back on top) and made read-only once everything inside is mounted.
 */
function grantBinds(policy: BwrapPolicy, code: SandboxCode): string[] {
  const { pluginDir, fs: scopes } = policy;
  const mode = new Map<string, 'ro' | 'rw' | 'hide'>();
  for (const p of [...code.readable, pluginDir, ...scopes.read]) if (!mode.has(p)) mode.set(p, 'ro');
  for (const p of scopes.write) mode.set(p, 'rw');
  const own = (p: string): boolean => code.readable.includes(p) || isWithin(pluginDir, p) || (policy.pluginData !== undefined && isWithin(policy.pluginData, p));
  const bound = [...mode.keys()];
  const hidden = (policy.berthFolders ?? []).filter((folder) => bound.some((p) => isWithin(p, folder)));
  // A granted path inside a hidden folder (another plugin's data, the secrets file) is not bound at all.
  for (const p of bound) if (!own(p) && hidden.some((folder) => isWithin(folder, p))) mode.delete(p);
  for (const folder of hidden) if (!own(folder)) mode.set(folder, 'hide');
  const ordered = [...mode.keys()].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  const flag = { rw: '--bind-try', ro: '--ro-bind-try' } as const;
  const args = ordered.flatMap((p) => {
    const m = mode.get(p) ?? 'ro';
    return m === 'hide' ? ['--tmpfs', p] : [flag[m], p, p];
  });
  // A link inside a bound folder is already there (bubblewrap cannot make it again: "File exists").
  const inBound = (p: string): boolean => ordered.some((dir) => p.startsWith(`${dir}/`));
  for (const link of code.links) if (!inBound(link.path)) args.push('--symlink', link.target, link.path);
  for (const p of ordered) if (mode.get(p) === 'hide') args.push('--remount-ro', p);
  return args;
}

/**
 * The bubblewrap command line: a minimal profile per the measured facts — only the Node runtime's files, the
 * sandbox's own code, the plugin's folder (read-only), its data folder and the granted paths; a private `/tmp`;
 * every namespace unshared (PID, IPC, UTS, user, cgroup, network unless granted); no capabilities; killed with its
 * parent; a new session (no terminal injection). The environment is the spawn's: only granted variables.
 */
export function bwrapArgs(policy: BwrapPolicy, code: SandboxCode): string[] {
  const args = ['--unshare-all', ...(policy.network ? ['--share-net'] : []), '--die-with-parent', '--new-session'];
  // No --clearenv/--setenv: bubblewrap is spawned with exactly the granted variables as its whole environment, so
  // values never appear on a command line (which every local user can read in /proc/<pid>/cmdline).
  args.push('--cap-drop', 'ALL', ...systemBinds(policy.nodePath));
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
  args.push(...grantBinds(policy, code));
  if (policy.network) for (const f of NETWORK_FILES) args.push('--ro-bind-try', f, f);
  if (policy.egressSocket !== undefined) {
    for (const f of EGRESS_FILES) args.push('--ro-bind-try', f, f);
    args.push('--bind', policy.egressSocket.host, policy.egressSocket.inside);
  }
  args.push('--chdir', policy.pluginDir, '--');
  return args;
}
