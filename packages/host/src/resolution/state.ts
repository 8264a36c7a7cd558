import type { DependentRange } from '@berth/sdk';
import { dependencyEntries } from './installed.js';
import type { ResolutionCandidate, ResolutionFailure } from './types.js';

/** What resolution knows while it works: the installed copies, those the host accepts, and the failures so far. */
export interface ResolutionState<C extends ResolutionCandidate> {
  /** Plugin name → every installed copy, highest version first. */
  readonly installed: ReadonlyMap<string, readonly C[]>;
  /** Plugin name → the copies whose `engines.berth` accepts the host, highest version first (never empty). */
  readonly eligible: ReadonlyMap<string, readonly C[]>;
  /** Plugins made unavailable by the caller, with the reason. */
  readonly unavailable: ReadonlyMap<string, Error>;
  /** Plugins that failed resolution so far. */
  readonly failed: Map<string, ResolutionFailure<C>>;
}

/** The chosen copy per plugin name, for the plugins still in the running. */
export type Choice<C extends ResolutionCandidate> = Map<string, C>;

/** True when the plugin is installed in a usable version, not made unavailable, and has not failed. */
export function isActive<C extends ResolutionCandidate>(state: ResolutionState<C>, name: string): boolean {
  return state.eligible.has(name) && !state.unavailable.has(name) && !state.failed.has(name);
}

/** The reason a plugin cannot be depended on (it failed or was made unavailable), if any. */
export function failureOf<C extends ResolutionCandidate>(state: ResolutionState<C>, name: string): Error | undefined {
  return state.failed.get(name)?.error ?? state.unavailable.get(name);
}

/** Dependency name → every chosen plugin that depends on it and the range it asks for, dependents sorted by name. */
export function dependentsIndex<C extends ResolutionCandidate>(chosen: Choice<C>): Map<string, DependentRange[]> {
  const index = new Map<string, DependentRange[]>();
  const names = [...chosen.keys()].sort();
  for (const plugin of names) {
    const candidate = chosen.get(plugin);
    if (candidate === undefined) continue;
    for (const [dependency, range] of dependencyEntries(candidate)) {
      const list = index.get(dependency) ?? [];
      list.push({ plugin, range });
      index.set(dependency, list);
    }
  }
  return index;
}
