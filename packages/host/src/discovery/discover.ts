import { ManifestUnreadableError } from '@berth/sdk';
import { mapBounded } from './bounded.js';
import { applyPrecedence } from './precedence.js';
import { uniqueRoots, type DiscoveryRoot } from './roots.js';
import { scanRoot } from './scan.js';
import type {
  BrokenPlugin,
  DiscoverableManifest,
  DiscoveredPlugin,
  DiscoveryResult,
  DiscoveryLoader,
  PluginLocation,
  UnreadableRoot,
} from './types.js';

/** How many manifests are loaded at once by default. */
export const DEFAULT_DISCOVERY_CONCURRENCY = 64;

/** Inputs of {@link discover}. */
export interface DiscoverOptions<M extends DiscoverableManifest, W> {
  /** The roots, in precedence order (see `defaultDiscoveryRoots`). */
  readonly roots: readonly DiscoveryRoot[];
  /** Loads one plugin folder's manifest (the manifest module's `loadManifest`). */
  readonly load: DiscoveryLoader<M, W>;
  /** How many manifests to load at once; defaults to {@link DEFAULT_DISCOVERY_CONCURRENCY}. */
  readonly concurrency?: number;
}

/**
 * Finds the plugins in the roots: every direct child folder of a root (and every `@scope/<name>` folder) is a plugin
 * folder whose `plugin.json` is loaded, in parallel with bounded concurrency. A folder that cannot be loaded
 * (unreadable file, bad JSON, invalid manifest, missing `main`, a link to nothing) is reported in `broken` with its error, and
 * discovery goes on. Broken folders never shadow anything (their name may be unknown).
 *
 * Precedence (see `applyPrecedence`): for each plugin name the highest-precedence root kind holding a copy wins
 * (project, then user, then core, then extra) and copies in lower kinds are `shadowed`, with both paths. Within the
 * winning kind every distinct version is a candidate — several installed versions (in sibling folders, or across
 * several extra roots) all reach resolution; a repeated version is shadowed by the first copy.
 */
export async function discover<M extends DiscoverableManifest, W = unknown>(options: DiscoverOptions<M, W>): Promise<DiscoveryResult<M, W>> {
  const roots = uniqueRoots(options.roots);
  const scans = await Promise.all(roots.map(scanRoot));
  const folders = scans.flatMap((scan) => scan.folders);
  const unreadableRoots = scans.flatMap((scan): UnreadableRoot[] => (scan.unreadable !== undefined ? [scan.unreadable] : []));
  const concurrency = options.concurrency ?? DEFAULT_DISCOVERY_CONCURRENCY;
  const loaded = await mapBounded(folders, concurrency, (folder) => loadFolder(folder, options.load));
  const valid: DiscoveredPlugin<M, W>[] = [];
  const broken: BrokenPlugin[] = scans.flatMap((scan) => scan.broken);
  for (const outcome of loaded) {
    if ('manifest' in outcome) valid.push(outcome);
    else broken.push(outcome);
  }
  const { candidates, shadowed } = applyPrecedence(valid);
  return { candidates, broken: inListingOrder(broken, roots), shadowed, unreadableRoots };
}

/** Sorts by root (in the order given), then by folder name. */
function inListingOrder(broken: readonly BrokenPlugin[], roots: readonly DiscoveryRoot[]): BrokenPlugin[] {
  const rank = new Map(roots.map((root, i) => [root, i]));
  return [...broken].sort((a, b) => (rank.get(a.root) ?? 0) - (rank.get(b.root) ?? 0) || (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
}

/** Loads one folder, turning every failure (even a throwing loader) into a {@link BrokenPlugin}. */
async function loadFolder<M extends DiscoverableManifest, W>(
  folder: PluginLocation,
  load: DiscoveryLoader<M, W>,
): Promise<DiscoveredPlugin<M, W> | BrokenPlugin> {
  try {
    const result = await load(folder.dir);
    if (result.ok) {
      const { manifest, warnings, mainPath } = result;
      return { ...folder, manifest, warnings, ...(mainPath !== undefined ? { mainPath } : {}) };
    }
    return { ...folder, error: result.error, ...(result.name !== undefined ? { name: result.name } : {}) };
  } catch (thrown) {
    const reason = `loading failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
    return { ...folder, error: new ManifestUnreadableError(folder.manifestFile, reason, thrown) };
  }
}
