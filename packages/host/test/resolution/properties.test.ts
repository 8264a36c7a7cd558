import { resolve, type ResolutionCandidate } from '@berth/host';
import fc from 'fast-check';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { copy } from './candidates.js';

const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const ranges = ['^1.0.0', '^2.0.0', '*', '>=1.1.0', '~1.0.0', '1.0.0 || 2.1.0', '^3.0.0'];
const versionPool = ['1.0.0', '1.1.0', '1.2.3', '2.0.0', '2.1.0'];

/** Random installed sets: a few names, each in one to three versions, each version with random dependencies. */
const installedSets = fc
  .array(
    fc.record({
      name: fc.constantFrom(...names),
      version: fc.constantFrom(...versionPool),
      dependencies: fc.dictionary(fc.constantFrom(...names, 'absent'), fc.constantFrom(...ranges), { maxKeys: 3 }),
      berth: fc.option(fc.constantFrom('^1.0.0', '^2.0.0', '>=0.9.0'), { nil: undefined }),
    }),
    { maxLength: 14 },
  )
  .map((specs) => specs.map((s) => copy(s.name, s.version, s.dependencies, s.berth)));

describe('resolution: properties over random graphs', () => {
  it('never throws; what it loads is closed, the highest fitting version, in range of the host API, and layered', () => {
    fc.assert(
      fc.property(installedSets, (candidates: ResolutionCandidate[]) => {
        const result = resolve(candidates);
        const layerOf = new Map<string, number>();
        result.levels.forEach((layer, i) => layer.forEach((name) => layerOf.set(name, i)));
        expect([...layerOf.keys()].sort()).toEqual([...result.loaded.keys()].sort());
        for (const [name, chosen] of result.loaded) {
          expect(result.failed.has(name)).toBe(false);
          const berth = chosen.manifest.engines?.berth;
          if (berth !== undefined) expect(semver.satisfies('1.0.0', berth)).toBe(true);
          for (const [dep, range] of Object.entries(chosen.manifest.dependencies ?? {})) {
            const loadedDep = result.loaded.get(dep);
            expect(loadedDep, `${name} -> ${dep}`).toBeDefined();
            expect(semver.satisfies(loadedDep?.manifest.version ?? '0.0.0', range)).toBe(true);
            expect(layerOf.get(dep) ?? Infinity).toBeLessThan(layerOf.get(name) ?? -1);
          }
        }
        for (const candidate of candidates) {
          const name = candidate.manifest.name;
          expect(result.loaded.has(name) || result.failed.has(name)).toBe(true);
        }
        for (const failure of result.failed.values()) expect(failure.error.code).toMatch(/^BERTH_/);
        for (const [name, chosen] of result.loaded) {
          const ranges = [...result.loaded.values()].flatMap((c) => {
            const range = c.manifest.dependencies?.[name];
            return range === undefined ? [] : [range];
          });
          const better = candidates.find(
            (c) =>
              c.manifest.name === name &&
              semver.gt(c.manifest.version, chosen.manifest.version) &&
              semver.satisfies('1.0.0', c.manifest.engines?.berth ?? '*') &&
              ranges.every((r) => semver.satisfies(c.manifest.version, r)) &&
              Object.entries(c.manifest.dependencies ?? {}).every(([dep, range]) => {
                const loaded = result.loaded.get(dep);
                return dep !== name && loaded !== undefined && semver.satisfies(loaded.manifest.version, range);
              }),
          );
          expect(better, `a higher '${name}' fits every dependent`).toBeUndefined();
        }
      }),
      { numRuns: 500 },
    );
  });
});
