import type { ResolutionCandidate } from './types.js';
import { compareVersionsDescending } from './ranges.js';

/**
 * Groups candidates by plugin name, highest version first (a stable sort: among copies of one version, the one
 * given first comes first — discovery lists higher-precedence roots first).
 */
export function groupInstalled<C extends ResolutionCandidate>(candidates: readonly C[]): Map<string, C[]> {
  const byName = new Map<string, C[]>();
  for (const candidate of candidates) {
    const copies = byName.get(candidate.manifest.name) ?? [];
    copies.push(candidate);
    byName.set(candidate.manifest.name, copies);
  }
  for (const copies of byName.values()) {
    copies.sort((a, b) => compareVersionsDescending(a.manifest.version, b.manifest.version));
  }
  return byName;
}

/** Keeps the first copy of each version (copies sorted by version, so duplicates are neighbours). */
export function firstOfEachVersion<C extends ResolutionCandidate>(copies: readonly C[]): C[] {
  return copies.filter((c, i) => i === 0 || copies[i - 1]?.manifest.version !== c.manifest.version);
}

const sortedDependencies = new WeakMap<ResolutionCandidate, readonly (readonly [string, string])[]>();

/** The dependencies a copy declares, as `[name, range]` pairs in a stable (sorted) order. */
export function dependencyEntries(candidate: ResolutionCandidate): readonly (readonly [string, string])[] {
  let entries = sortedDependencies.get(candidate);
  if (entries === undefined) {
    const deps = candidate.manifest.dependencies ?? {};
    entries = Object.entries(deps).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    sortedDependencies.set(candidate, entries);
  }
  return entries;
}
