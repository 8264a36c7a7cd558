import { DependencyFailedError } from '@berth/sdk';
import { dependencyEntries } from './installed.js';
import type { Choice, ResolutionState } from './state.js';
import type { ResolutionCandidate, ResolutionFailure } from './types.js';

/**
 * Records `failures`, then fails every chosen plugin that depends, directly or through others, on a failed one
 * ("plugin 'z' not loaded because 'y' failed: …"). Failed plugins are removed from `chosen`.
 */
export function recordFailures<C extends ResolutionCandidate>(
  state: ResolutionState<C>,
  chosen: Choice<C>,
  failures: readonly ResolutionFailure<C>[],
): void {
  const queue: string[] = [];
  for (const failure of failures) {
    if (state.failed.has(failure.name)) continue;
    state.failed.set(failure.name, failure);
    chosen.delete(failure.name);
    queue.push(failure.name);
  }
  const dependents = reverseEdges(chosen);
  for (let i = 0; i < queue.length; i++) {
    const next = queue[i] as string;
    const reason = state.failed.get(next)?.error;
    if (reason === undefined) continue;
    for (const dependent of dependents.get(next) ?? []) {
      const candidate = chosen.get(dependent);
      if (candidate === undefined) continue;
      state.failed.set(dependent, { name: dependent, candidate, error: new DependencyFailedError(dependent, next, reason) });
      chosen.delete(dependent);
      queue.push(dependent);
    }
  }
}

/** Dependency name → the chosen plugins depending on it, sorted. */
function reverseEdges<C extends ResolutionCandidate>(chosen: Choice<C>): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const name of [...chosen.keys()].sort()) {
    const candidate = chosen.get(name);
    if (candidate === undefined) continue;
    for (const [dependency] of dependencyEntries(candidate)) {
      const list = edges.get(dependency) ?? [];
      list.push(name);
      edges.set(dependency, list);
    }
  }
  return edges;
}
