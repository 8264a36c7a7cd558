import { DependencyFailedError, DependencyMismatchError, DependencyMissingError, HostApiMismatchError } from '@berth/sdk';
import type { BerthError } from '@berth/sdk';
import { acceptsHostApi } from './host-api.js';
import { dependencyEntries } from './installed.js';
import { satisfiesRange } from './ranges.js';
import { failureOf, type Choice, type ResolutionState } from './state.js';
import type { ResolutionCandidate, ResolutionFailure } from './types.js';

/**
 * Checks each chosen plugin's dependencies one by one: a dependency that failed or is unavailable, is not installed,
 * or is installed in no version matching the range makes the plugin fail. Returns the new failures.
 */
export function findDependencyProblems<C extends ResolutionCandidate>(
  state: ResolutionState<C>,
  chosen: Choice<C>,
  hostApiVersion: string,
): ResolutionFailure<C>[] {
  const failures: ResolutionFailure<C>[] = [];
  for (const [name, candidate] of chosen) {
    for (const [dependency, range] of dependencyEntries(candidate)) {
      const error = dependencyProblem(state, candidate, dependency, range, hostApiVersion);
      if (error !== undefined) {
        failures.push({ name, candidate, error });
        break;
      }
    }
  }
  return failures;
}

/** Why one dependency of `candidate` cannot be met on its own, if it cannot. */
function dependencyProblem<C extends ResolutionCandidate>(
  state: ResolutionState<C>,
  candidate: C,
  dependency: string,
  range: string,
  hostApiVersion: string,
): BerthError | undefined {
  const { name } = candidate.manifest;
  const failure = failureOf(state, dependency);
  if (failure !== undefined) return new DependencyFailedError(name, dependency, failure);
  const installed = state.installed.get(dependency);
  if (installed === undefined || installed.length === 0) {
    return new DependencyMissingError(name, dependency, range, candidate.manifestFile);
  }
  const usable = state.eligible.get(dependency) ?? [];
  if (usable.some((c) => satisfiesRange(c.manifest.version, range))) return undefined;
  const matchingButIncompatible = installed.find(
    (c) => satisfiesRange(c.manifest.version, range) && !acceptsHostApi(c.manifest.engines?.berth, hostApiVersion),
  );
  if (matchingButIncompatible !== undefined) {
    const reason = new HostApiMismatchError(
      dependency,
      matchingButIncompatible.manifest.engines?.berth ?? '*',
      hostApiVersion,
      matchingButIncompatible.manifestFile,
    );
    return new DependencyFailedError(name, dependency, reason);
  }
  const versions = [...installed].reverse().map((c) => ({ version: c.manifest.version, dir: c.dir }));
  return new DependencyMismatchError(name, dependency, range, versions, candidate.manifestFile);
}
