import { BerthError, ErrorCodes, HostApiMismatchError } from '@berth/sdk';
import { findConflicts } from './conflicts.js';
import { findCycles } from './cycles.js';
import { findDependencyProblems } from './dependency-checks.js';
import { acceptsHostApi, HOST_API_VERSION } from './host-api.js';
import { firstOfEachVersion, groupInstalled } from './installed.js';
import { loadLevels } from './levels.js';
import { recordFailures } from './propagate.js';
import { selectVersions } from './select.js';
import type { Choice, ResolutionState } from './state.js';
import type { Resolution, ResolutionCandidate, ResolutionFailure, ResolveOptions } from './types.js';

/**
 * Resolves the installed plugins into what to load, what fails and in which order. A pure function over data.
 *
 * The rules:
 * - A copy whose `engines.berth` does not accept the host API version is never chosen; when no copy of a plugin
 *   is accepted, the plugin fails with a `HostApiMismatchError` (about its highest version).
 * - Several installed versions of one plugin: the highest version satisfying every dependent's range is chosen.
 *   A range no installed version meets fails the dependent (`DependencyMismatchError`); ranges each met by some
 *   version but not all by one fail the depended-on plugin (`VersionConflictError`, naming every dependent and its
 *   range). A dependency installed nowhere fails the dependent (`DependencyMissingError`).
 * - Every plugin on a dependency cycle fails (`DependencyCycleError`, with the cycle's path).
 * - A plugin that fails is not loaded, nor is anything depending on it (`DependencyFailedError`); everything else
 *   loads. An older version is never chosen to dodge a failed dependency.
 * - Candidates with the same name and version: the first usable one given wins (discovery lists higher precedence
 *   first, and already shadows repeated versions).
 *
 * @param candidates - every installed copy (e.g. `DiscoveryResult.candidates`)
 * @param options - the host API version and plugins known to be unavailable
 */
export function resolve<C extends ResolutionCandidate>(candidates: readonly C[], options: ResolveOptions = {}): Resolution<C> {
  const hostApiVersion = options.hostApiVersion ?? HOST_API_VERSION;
  const byName = groupInstalled(candidates);
  const state = initialState(byName, options.unavailable ?? new Map(), hostApiVersion);
  let chosen: Choice<C> = new Map();
  for (let round = 0; round <= byName.size; round++) {
    chosen = selectVersions(state);
    const failures = nextFailures(state, chosen, hostApiVersion);
    if (failures.length === 0) break;
    recordFailures(state, chosen, failures);
  }
  const used = new Set<C>([...chosen.values()]);
  for (const failure of state.failed.values()) if (failure.candidate !== undefined) used.add(failure.candidate);
  const unused = candidates.filter((c) => !used.has(c));
  return { loaded: chosen, failed: state.failed, levels: loadLevels(chosen), unused };
}

/** The first kind of failure found among the chosen plugins: per-dependency problems, then conflicts, then cycles. */
function nextFailures<C extends ResolutionCandidate>(
  state: ResolutionState<C>,
  chosen: Choice<C>,
  hostApiVersion: string,
): ResolutionFailure<C>[] {
  const problems = findDependencyProblems(state, chosen, hostApiVersion);
  if (problems.length > 0) return problems;
  const conflicts = findConflicts(state, chosen);
  if (conflicts.length > 0) return conflicts;
  return findCycles(chosen);
}

/**
 * The installed and host-accepted copies per plugin, with the first failures recorded: installed plugins the caller
 * made unavailable (with the caller's reason), and plugins no copy of which accepts the host API.
 */
function initialState<C extends ResolutionCandidate>(
  installed: ReadonlyMap<string, readonly C[]>,
  unavailable: ReadonlyMap<string, Error>,
  hostApiVersion: string,
): ResolutionState<C> {
  const distinct = new Map<string, readonly C[]>();
  const eligible = new Map<string, readonly C[]>();
  const failed = new Map<string, ResolutionFailure<C>>();
  for (const [name, copies] of installed) {
    distinct.set(name, firstOfEachVersion(copies));
    const accepted = firstOfEachVersion(copies.filter((c) => acceptsHostApi(c.manifest.engines?.berth, hostApiVersion)));
    if (accepted.length > 0) eligible.set(name, accepted);
    const highest = accepted[0] ?? copies[0];
    if (highest === undefined) continue;
    const reason = unavailable.get(name);
    if (reason !== undefined) {
      failed.set(name, { name, candidate: highest, error: asBerthError(name, reason) });
    } else if (accepted.length === 0) {
      const range = highest.manifest.engines?.berth ?? '*';
      failed.set(name, { name, candidate: highest, error: new HostApiMismatchError(name, range, hostApiVersion, highest.manifestFile) });
    }
  }
  return { installed: distinct, eligible, unavailable, failed };
}

/** The caller's reason as a {@link BerthError} (kept as is when it already is one). */
function asBerthError(plugin: string, reason: Error): BerthError {
  if (reason instanceof BerthError) return reason;
  return new BerthError(ErrorCodes.PLUGIN_STATE, `plugin '${plugin}' is unavailable: ${reason.message}`, { plugin }, { cause: reason });
}
