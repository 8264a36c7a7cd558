import fs from 'node:fs';
import { WORKSPACE } from '../../sandbox.js';

/** What one bubblewrap run exposes. */
export interface BwrapRun {
  /** The sandbox's writable workspace folder on the host (or the allowed host folder). */
  readonly workspace: string;
  /** Mount the workspace read-only. */
  readonly workspaceReadOnly: boolean;
  /** The sandbox's private `/tmp` folder on the host. */
  readonly tmp: string;
  /** Share the host's network. */
  readonly network: boolean;
  /** The user inside (`uid[:gid]`). */
  readonly user: string;
  /** Working directory inside. */
  readonly cwd: string;
  /** Environment (after `--clearenv`). */
  readonly env: Readonly<Record<string, string>>;
  /** An fd bubblewrap writes to once the sandbox runs (`--info-fd`). */
  readonly infoFd?: number;
}

/** The host's runtime folders bound read-only (or re-created as the same symlinks). */
const RUNTIME = ['/usr', '/bin', '/sbin', '/lib', '/lib64', '/lib32', '/libx32'];
/** Host files a command may need: alternatives (awk, …) always; name resolution and TLS only with network. */
const ALWAYS_FILES = ['/etc/alternatives'];
const NETWORK_FILES = ['/etc/resolv.conf', '/etc/hosts', '/etc/nsswitch.conf', '/etc/ssl', '/etc/ca-certificates'];

/** One runtime folder: the same symlink, a read-only bind, or (when Node's permission model hides it) a bind-try. */
function runtimeBind(p: string): string[] {
  try {
    const stat = fs.lstatSync(p, { throwIfNoEntry: false });
    if (stat?.isSymbolicLink() === true) return ['--symlink', fs.readlinkSync(p), p];
    return stat?.isDirectory() === true ? ['--ro-bind', p, p] : [];
  } catch {
    return ['--ro-bind-try', p, p];
  }
}

let runtime: string[] | undefined;

/** `--ro-bind` or `--symlink` for each runtime folder present (computed once). */
function runtimeBinds(): string[] {
  runtime ??= RUNTIME.flatMap(runtimeBind);
  return runtime;
}

/**
 * The bubblewrap arguments of one command: every namespace unshared (network only when open), no capabilities,
 * a cleared environment, killed with its parent, a new session; only the host's runtime read-only, the workspace
 * and a private `/tmp` writable; the root itself read-only.
 */
export function bwrapArgs(run: BwrapRun, argv: readonly string[]): string[] {
  const [uid = '65534', gid = uid] = run.user.split(':');
  const args = ['--unshare-all', ...(run.network ? ['--share-net'] : []), '--die-with-parent', '--new-session', '--cap-drop', 'ALL'];
  args.push('--unshare-user', '--uid', uid, '--gid', gid, '--clearenv', ...runtimeBinds());
  for (const f of [...ALWAYS_FILES, ...(run.network ? NETWORK_FILES : [])]) args.push('--ro-bind-try', f, f);
  args.push('--proc', '/proc', '--dev', '/dev', '--bind', run.tmp, '/tmp');
  args.push(run.workspaceReadOnly ? '--ro-bind' : '--bind', run.workspace, WORKSPACE, '--remount-ro', '/');
  const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/tmp', ...run.env };
  for (const [name, value] of Object.entries(env)) args.push('--setenv', name, value);
  if (run.infoFd !== undefined) args.push('--info-fd', String(run.infoFd));
  args.push('--chdir', run.cwd, '--', ...argv);
  return args;
}
