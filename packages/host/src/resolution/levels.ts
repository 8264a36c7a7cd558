import { dependencyEntries } from './installed.js';
import type { ResolutionCandidate } from './types.js';

/**
 * Topological layers of the loaded plugins (Kahn's algorithm): layer 0 holds the plugins without dependencies,
 * layer n those whose dependencies all sit in earlier layers. Names are sorted within a layer. Expects an acyclic
 * set whose dependencies are all present (what resolution guarantees for what it loads).
 */
export function loadLevels<C extends ResolutionCandidate>(loaded: ReadonlyMap<string, C>): string[][] {
  const remaining = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const [name, candidate] of loaded) {
    const deps = dependencyEntries(candidate).filter(([dep]) => loaded.has(dep));
    remaining.set(name, deps.length);
    for (const [dep] of deps) {
      const list = dependents.get(dep) ?? [];
      list.push(name);
      dependents.set(dep, list);
    }
  }
  const levels: string[][] = [];
  let layer = [...remaining].filter(([, count]) => count === 0).map(([name]) => name);
  while (layer.length > 0) {
    layer.sort();
    levels.push(layer);
    const next: string[] = [];
    for (const name of layer) {
      for (const dependent of dependents.get(name) ?? []) {
        const count = (remaining.get(dependent) ?? 0) - 1;
        remaining.set(dependent, count);
        if (count === 0) next.push(dependent);
      }
    }
    layer = next;
  }
  return levels;
}

/** The order to dispose plugins loaded by `levels`: the last layer first. */
export function disposeOrder(levels: readonly (readonly string[])[]): string[][] {
  return [...levels].reverse().map((layer) => [...layer]);
}
