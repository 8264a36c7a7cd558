import semver from 'semver';

const parsedRanges = new Map<string, semver.Range | null>();
const parsedVersions = new Map<string, semver.SemVer | null>();

/** The parsed range, cached: resolution tests the same few ranges many times. `null` when the range is invalid. */
function parseRange(range: string, includePrerelease: boolean): semver.Range | null {
  const key = includePrerelease ? `pre:${range}` : range;
  let parsed = parsedRanges.get(key);
  if (parsed === undefined) {
    try {
      parsed = new semver.Range(range, { includePrerelease });
    } catch {
      parsed = null;
    }
    parsedRanges.set(key, parsed);
  }
  return parsed;
}

/** The parsed version, cached. `null` when the version is invalid. */
function parseVersion(version: string): semver.SemVer | null {
  let parsed = parsedVersions.get(version);
  if (parsed === undefined) {
    parsed = semver.parse(version);
    parsedVersions.set(version, parsed);
  }
  return parsed;
}

/**
 * True when `version` satisfies `range` (npm semantics; `includePrerelease` lets prereleases match any range they
 * fall in). Invalid input never matches.
 */
export function satisfiesRange(version: string, range: string, includePrerelease = false): boolean {
  const parsed = parseVersion(version);
  return parsed !== null && (parseRange(range, includePrerelease)?.test(parsed) ?? false);
}

/** Orders versions highest first; invalid versions (which validated manifests never hold) sort last. */
export function compareVersionsDescending(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (va !== null && vb !== null) return vb.compare(va) || vb.compareBuild(va);
  if (va !== null) return -1;
  if (vb !== null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
