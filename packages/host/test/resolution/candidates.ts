import type { ResolutionCandidate } from '@berth/host';

/** Builds an installed copy at `/roots/<name>@<version>` (test data only; resolution does no I/O). */
export function copy(name: string, version: string, dependencies: Record<string, string> = {}, berth?: string): ResolutionCandidate {
  const dir = `/roots/${name}@${version}`;
  return {
    dir,
    manifestFile: `${dir}/plugin.json`,
    manifest: { name, version, dependencies, ...(berth !== undefined ? { engines: { berth } } : {}) },
  };
}

/** name → chosen version, for compact assertions. */
export function versions(loaded: ReadonlyMap<string, ResolutionCandidate>): Record<string, string> {
  return Object.fromEntries([...loaded].map(([name, c]) => [name, c.manifest.version]));
}
