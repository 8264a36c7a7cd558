import type { ResolutionCandidate } from './types.js';
import { compareVersionsDescending } from './ranges.js';

/** The installed copies of every plugin name, highest version first, one copy per version. */
export interface InstalledSet<C extends ResolutionCandidate> {
  /** Plugin name → its copies, highest version first. */
  readonly byName: ReadonlyMap<string, readonly C[]>;
  /** Copies dropped because an earlier candidate had the same name and version. */
  readonly duplicates: readonly C[];
}

/**
 * Groups candidates by plugin name, highest version first. When two candidates share name and version, the first
 * one given wins (discovery lists higher-precedence roots first) and the other is returned in `duplicates`.
 */
export function groupInstalled<C extends ResolutionCandidate>(candidates: readonly C[]): InstalledSet<C> {
  const byName = new Map<string, C[]>();
  const duplicates: C[] = [];
  for (const candidate of candidates) {
    const copies = byName.get(candidate.manifest.name) ?? [];
    if (copies.some((c) => c.manifest.version === candidate.manifest.version)) {
      duplicates.push(candidate);
      continue;
    }
    copies.push(candidate);
    byName.set(candidate.manifest.name, copies);
  }
  for (const copies of byName.values()) {
    copies.sort((a, b) => compareVersionsDescending(a.manifest.version, b.manifest.version));
  }
  return { byName, duplicates };
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
