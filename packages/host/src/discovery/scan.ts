import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DiscoveryRootUnreadableError } from '@berth/sdk';
import type { DiscoveryRoot } from './roots.js';
import type { PluginLocation, UnreadableRoot } from './types.js';

/** The file every plugin folder holds. */
export const MANIFEST_FILE = 'plugin.json';

/** What listing one root found. */
export interface RootScan {
  /** The plugin folders, sorted by folder name. */
  readonly folders: PluginLocation[];
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
 * files and hidden folders are ignored. A missing root is empty.
 */
export async function scanRoot(root: DiscoveryRoot): Promise<RootScan> {
  let entries: Dirent[];
  try {
    entries = await readdir(root.dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { folders: [] };
    const reason = code ?? (error as Error).message;
    return { folders: [], unreadable: { root, error: new DiscoveryRootUnreadableError(root.dir, root.kind, reason, error) } };
  }
  const folders: PluginLocation[] = [];
  const listings = entries
    .filter((entry) => !isIgnored(entry.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((entry) => folderOrScope(root, entry));
  for (const found of await Promise.all(listings)) folders.push(...found);
  return { folders };
}

/** The plugin folders an entry of a root stands for: itself, the members of a scope, or nothing. */
async function folderOrScope(root: DiscoveryRoot, entry: Dirent): Promise<PluginLocation[]> {
  const dir = path.join(root.dir, entry.name);
  if (!(await isDirectory(entry, dir))) return [];
  if (!entry.name.startsWith('@')) return [location(root, dir, entry.name)];
  let members: Dirent[];
  try {
    members = await readdir(dir, { withFileTypes: true });
  } catch {
    return [location(root, dir, entry.name)];
  }
  const found: PluginLocation[] = [];
  for (const member of members.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const memberDir = path.join(dir, member.name);
    if (!isIgnored(member.name) && (await isDirectory(member, memberDir))) {
      found.push(location(root, memberDir, `${entry.name}/${member.name}`));
    }
  }
  return found;
}

/** True for a directory, or a symbolic link to one (the only case that costs a `stat`). */
async function isDirectory(entry: Dirent, fullPath: string): Promise<boolean> {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return (await stat(fullPath)).isDirectory();
  } catch {
    return false;
  }
}

function location(root: DiscoveryRoot, dir: string, folder: string): PluginLocation {
  return { dir, root, folder, manifestFile: path.join(dir, MANIFEST_FILE) };
}
