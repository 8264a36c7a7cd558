import { VersionConflictError } from '@berth/sdk';
import { satisfiesRange } from './ranges.js';
import { dependentsIndex, type Choice, type ResolutionState } from './state.js';
import type { ResolutionCandidate, ResolutionFailure } from './types.js';

/**
 * Finds the plugins whose chosen version does not satisfy every dependent's range (each range alone is met by some
 * installed version, but no version meets them all). Such a plugin fails with a {@link VersionConflictError} naming
 * every dependent and its range; its dependents then fail because it failed.
 */
export function findConflicts<C extends ResolutionCandidate>(state: ResolutionState<C>, chosen: Choice<C>): ResolutionFailure<C>[] {
  const failures: ResolutionFailure<C>[] = [];
  for (const [name, dependents] of dependentsIndex(chosen)) {
    const candidate = chosen.get(name);
    if (candidate === undefined) continue;
    if (dependents.every((d) => satisfiesRange(candidate.manifest.version, d.range))) continue;
    const installed = [...(state.installed.get(name) ?? [])].reverse().map((c) => ({ version: c.manifest.version, dir: c.dir }));
    failures.push({ name, candidate, error: new VersionConflictError(name, dependents, installed) });
  }
  return failures;
}
