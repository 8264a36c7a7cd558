import type { ScaffoldType } from './scaffold-type.js';
import { installedPackage, type InstalledPackage } from './installed-packages.js';

/** One dependency of a new plugin: how package.json names it, and the installed copy `berth new` links. */
export interface PlannedDependency {
  /** The npm name. */
  readonly name: string;
  /** The package.json spec: `file:<folder>` for Berth's own packages (not on npm), `^<version>` for the others. */
  readonly spec: string;
  /** `dependencies` (needed at run time, inside the sandbox) or `devDependencies` (build and test). */
  readonly kind: 'dependencies' | 'devDependencies';
  /** The copy to link into node_modules, when this installation has one. */
  readonly installed?: InstalledPackage;
}

/** What each kind of plugin needs at run time, beyond the build and test tools every one gets. */
const RUNTIME: Readonly<Record<ScaffoldType, readonly { name: string; from?: string }[]>> = {
  tool: [{ name: '@berth/sdk' }],
  provider: [{ name: '@berth/sdk' }],
  mcp: [
    { name: '@modelcontextprotocol/server', from: '@berth/host' },
    { name: 'zod', from: '@berth/host' },
  ],
};

const DEV = ['@berth/testing', '@berth/cli', 'typescript', '@types/node'] as const;

function plan(name: string, kind: PlannedDependency['kind'], from?: string): PlannedDependency {
  const base = from === undefined ? undefined : installedPackage(from)?.dir;
  const installed = installedPackage(name, base);
  const berth = name.startsWith('@berth/');
  const spec = berth ? `file:${installed?.dir ?? name}` : installed !== undefined ? `^${installed.version}` : 'latest';
  return { name, spec, kind, ...(installed !== undefined ? { installed } : {}) };
}

/**
 * The dependencies of a new plugin of `type`. Berth's packages are not published to npm, so they are `file:`
 * dependencies on this CLI's own copies; the others use the versions this CLI was built with.
 */
export function plannedDependencies(type: ScaffoldType): PlannedDependency[] {
  return [...RUNTIME[type].map((d) => plan(d.name, 'dependencies', d.from)), ...DEV.map((name) => plan(name, 'devDependencies'))];
}
