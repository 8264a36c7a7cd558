import { ROOT_PRECEDENCE } from './roots.js';
import type { DiscoverableManifest, DiscoveredPlugin, ShadowedPlugin } from './types.js';

/** Candidates and shadowed copies after applying the precedence rule. */
export interface PrecedenceOutcome<M extends DiscoverableManifest, W> {
  /** The copies that reach resolution. */
  readonly candidates: DiscoveredPlugin<M, W>[];
  /** The copies hidden by another. */
  readonly shadowed: ShadowedPlugin<M, W>[];
}

/**
 * The precedence rule, applied to valid copies listed in root order:
 * 1. Roots form levels by kind: project, then user, then core, then extra (every extra root shares one level).
 * 2. For each plugin name, the highest level holding a copy wins: every copy of that name in a lower level is
 *    shadowed (whatever its version) — so a project or user copy overrides the core one, as the user expects.
 * 3. Within the winning level, copies with different versions are all candidates (several installed versions,
 *    e.g. `x-1/` and `x-2/`, or one per extra root): resolution picks the version the dependents need.
 * 4. Within the winning level, a second copy with the same version is shadowed by the first (root order, then
 *    folder name order).
 */
export function applyPrecedence<M extends DiscoverableManifest, W>(copies: readonly DiscoveredPlugin<M, W>[]): PrecedenceOutcome<M, W> {
  const bestLevel = new Map<string, number>();
  for (const copy of copies) {
    const level = ROOT_PRECEDENCE[copy.root.kind];
    const best = bestLevel.get(copy.manifest.name);
    if (best === undefined || level < best) bestLevel.set(copy.manifest.name, level);
  }
  const winners = new Map<string, DiscoveredPlugin<M, W>[]>();
  const candidates: DiscoveredPlugin<M, W>[] = [];
  const losers: DiscoveredPlugin<M, W>[] = [];
  for (const copy of copies) {
    const sameName = winners.get(copy.manifest.name) ?? [];
    const inWinningLevel = ROOT_PRECEDENCE[copy.root.kind] === bestLevel.get(copy.manifest.name);
    if (inWinningLevel && !sameName.some((w) => w.manifest.version === copy.manifest.version)) {
      sameName.push(copy);
      winners.set(copy.manifest.name, sameName);
      candidates.push(copy);
    } else {
      losers.push(copy);
    }
  }
  const shadowed = losers.map((copy) => shadow(copy, winnerFor(copy, winners.get(copy.manifest.name) ?? [])));
  return { candidates, shadowed };
}

/** The winning copy to name as the shadower: the one with the same version if any, else the first. */
function winnerFor<M extends DiscoverableManifest, W>(copy: DiscoveredPlugin<M, W>, winners: readonly DiscoveredPlugin<M, W>[]): DiscoveredPlugin<M, W> {
  return winners.find((w) => w.manifest.version === copy.manifest.version) ?? (winners[0] as DiscoveredPlugin<M, W>);
}

function shadow<M extends DiscoverableManifest, W>(copy: DiscoveredPlugin<M, W>, by: DiscoveredPlugin<M, W>): ShadowedPlugin<M, W> {
  const why =
    copy.root.kind === by.root.kind ? 'the same version was found first' : `the ${by.root.kind} root takes precedence over the ${copy.root.kind} root`;
  const reason =
    `plugin '${copy.manifest.name}' ${copy.manifest.version} at ${copy.dir} is shadowed by ` +
    `'${by.manifest.name}' ${by.manifest.version} at ${by.dir} (${why})`;
  return { ...copy, shadowedBy: by, reason };
}
