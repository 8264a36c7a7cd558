import { satisfiesRange } from './ranges.js';
import { dependentsIndex, isActive, type Choice, type ResolutionState } from './state.js';
import type { ResolutionCandidate } from './types.js';

/**
 * Chooses one copy per active plugin: start from the highest usable version of each, then repeatedly move every
 * plugin with several versions to the highest one satisfying the ranges of its current dependents, until nothing
 * changes (or a bounded number of rounds pass; any range still unsatisfied is then reported as a conflict).
 * A plugin whose dependents' ranges cannot all be met keeps its version here; the conflict check reports it.
 */
export function selectVersions<C extends ResolutionCandidate>(state: ResolutionState<C>): Choice<C> {
  const chosen: Choice<C> = new Map();
  const choosable: string[] = [];
  for (const [name, copies] of state.eligible) {
    if (!isActive(state, name) || copies[0] === undefined) continue;
    chosen.set(name, copies[0]);
    if (copies.length > 1) choosable.push(name);
  }
  choosable.sort();
  const maxRounds = 2 * choosable.length + 2;
  for (let round = 0; round < maxRounds && choosable.length > 0; round++) {
    if (!improveOnce(state, chosen, choosable)) break;
  }
  return chosen;
}

/** One round: moves each multi-version plugin to its best version for the current dependents; true if any moved. */
function improveOnce<C extends ResolutionCandidate>(state: ResolutionState<C>, chosen: Choice<C>, names: readonly string[]): boolean {
  const dependents = dependentsIndex(chosen);
  let changed = false;
  for (const name of names) {
    const ranges = (dependents.get(name) ?? []).map((d) => d.range);
    const pick = state.eligible.get(name)?.find((c) => ranges.every((r) => satisfiesRange(c.manifest.version, r)));
    if (pick !== undefined && pick !== chosen.get(name)) {
      chosen.set(name, pick);
      changed = true;
    }
  }
  return changed;
}
