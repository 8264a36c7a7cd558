import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DiscoveryRootUnreadableError, ManifestUnreadableError } from '@berth/sdk';
import type { DiscoveryRoot } from './roots.js';
import type { BrokenPlugin, PluginLocation, UnreadableRoot } from './types.js';

/** The file every plugin folder holds. */
export const MANIFEST_FILE = 'plugin.json';

/** What listing one root found. */
export interface RootScan {
  /** The plugin folders, sorted by folder name. */
  readonly folders: PluginLocation[];
  /** Entries that stand for a plugin folder but cannot be one (a symbolic link to nothing). */
  readonly broken: BrokenPlugin[];
  /** Set when the root exists but could not be listed. */
  readonly unreadable?: UnreadableRoot;
}

/** Folder names that are never plugins: hidden folders and `node_modules`. */
function isIgnored(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/**
 * Lists the plugin folders of one root with a single `readdir` (plus one per `@scope` folder): every directory child
 * (symbolic links to directories included) is a plugin folder, `@scope` folders hold `@scope/<name>` plugin folders,
 * files, hidden folders and `node_modules` are ignored, a link to nothing is reported broken. A missing root is empty.
 */
export async function scanRoot(root: DiscoveryRoot): Promise<RootScan> {
  let entries: Dirent[];
  try {
    entries = await readdir(root.dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { folders: [], broken: [] };
    const reason = code ?? (error as Error).message;
    return { folders: [], broken: [], unreadable: { root, error: new DiscoveryRootUnreadableError(root.dir, root.kind, reason, error) } };
  }
  const listings = entries
    .filter((entry) => !isIgnored(entry.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((entry) => folderOrScope(root, entry));
  const found = (await Promise.all(listings)).flat();
  return {
    folders: found.filter((f): f is PluginLocation => !('error' in f)),
    broken: found.filter((f): f is BrokenPlugin => 'error' in f),
  };
}

/** The plugin folders an entry of a root stands for: itself, the members of a scope, or nothing (a file). */
async function folderOrScope(root: DiscoveryRoot, entry: Dirent): Promise<(PluginLocation | BrokenPlugin)[]> {
  const dir = path.join(root.dir, entry.name);
  const kind = await entryKind(entry, dir);
  if (kind === 'dangling') return [danglingLink(location(root, dir, entry.name))];
  if (kind !== 'directory') return [];
  if (!entry.name.startsWith('@')) return [location(root, dir, entry.name)];
  let members: Dirent[];
  try {
    members = await readdir(dir, { withFileTypes: true });
  } catch {
    return [location(root, dir, entry.name)];
  }
  const found: (PluginLocation | BrokenPlugin)[] = [];
  for (const member of members.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (isIgnored(member.name)) continue;
    const memberDir = path.join(dir, member.name);
    const memberKind = await entryKind(member, memberDir);
    const at = location(root, memberDir, `${entry.name}/${member.name}`);
    if (memberKind === 'directory') found.push(at);
    else if (memberKind === 'dangling') found.push(danglingLink(at));
  }
  return found;
}

/** What an entry is: a directory (or a link to one), something else, or a link to nothing. */
async function entryKind(entry: Dirent, fullPath: string): Promise<'directory' | 'other' | 'dangling'> {
  if (entry.isDirectory()) return 'directory';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    return (await stat(fullPath)).isDirectory() ? 'directory' : 'other';
  } catch {
    return 'dangling';
  }
}

/** A plugin folder that is a symbolic link whose target is missing (or a link loop). */
function danglingLink(at: PluginLocation): BrokenPlugin {
  const reason = 'the plugin folder is a symbolic link to a missing target';
  return { ...at, error: new ManifestUnreadableError(at.manifestFile, reason) };
}

function location(root: DiscoveryRoot, dir: string, folder: string): PluginLocation {
  return { dir, root, folder, manifestFile: path.join(dir, MANIFEST_FILE) };
}
