import semver from 'semver';

const parsedRanges = new Map<string, semver.Range | null>();

/** The parsed range, cached: resolution tests the same few ranges many times. `null` when the range is invalid. */
function parseRange(range: string): semver.Range | null {
  let parsed = parsedRanges.get(range);
  if (parsed === undefined) {
    try {
      parsed = new semver.Range(range);
    } catch {
      parsed = null;
    }
    parsedRanges.set(range, parsed);
  }
  return parsed;
}

/** True when `version` satisfies the dependency `range` (standard npm semantics; invalid input never matches). */
export function satisfiesRange(version: string, range: string): boolean {
  return parseRange(range)?.test(version) ?? false;
}

/** Orders versions highest first; invalid versions (which validated manifests never hold) sort last. */
export function compareVersionsDescending(a: string, b: string): number {
  const va = semver.valid(a);
  const vb = semver.valid(b);
  if (va !== null && vb !== null) return semver.rcompare(va, vb);
  if (va !== null) return -1;
  if (vb !== null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
