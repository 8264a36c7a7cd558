import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Where the sandbox's own code lives: the built child entry, its preloads and the packages they import. */
export interface SandboxCode {
  /** `packages/host` (real path). */
  readonly hostDir: string;
  /** The built child entry (`dist/sandbox/child/main.js`). */
  readonly childEntry: string;
  /** The always-on preload (signals guard). */
  readonly guard: string;
  /** The network guard preload (when `network` is not granted). */
  readonly networkGuard: string;
  /** The preload of an `mcp` plugin's Node server: faster V8 tier-up once it has answered (`child/serving-tier.ts`). */
  readonly servingTier: string;
  /** Files and folders the child needs readable (host and sdk `dist`, their runtime dependencies), real paths. */
  readonly readable: readonly string[];
  /** Symlinks on the way to those packages (npm workspace links), to mirror inside bubblewrap. */
  readonly links: readonly { readonly path: string; readonly target: string }[];
}

const require = createRequire(import.meta.url);

function packageDir(from: string, name: string): string | undefined {
  const local = createRequire(path.join(from, 'package.json'));
  for (const dir of local.resolve.paths(name) ?? []) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  return undefined;
}

/** An npm package name (`name` or `@scope/name`): never a path, so `../..` cannot make a folder readable. */
const PACKAGE_NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/i;

/** The dependency names a package.json declares; anything that is not a package name is ignored. */
function dependencies(dir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(manifest.dependencies ?? {}).filter((name) => PACKAGE_NAME.test(name) && !name.split('/').some((part) => part === '..' || part === '.'));
}

/** A package's runtime files: `dist` and `package.json` when it is built there, else the whole folder. */
function runtimeFiles(dir: string): string[] {
  const dist = path.join(dir, 'dist');
  return fs.existsSync(dist) ? [dist, path.join(dir, 'package.json')] : [dir];
}

/** The readable files and workspace links of a package closure: `names` resolved from `from`, recursively. */
function closure(from: string, names: readonly string[], seen: Set<string>): Pick<SandboxCode, 'readable' | 'links'> {
  const links: { path: string; target: string }[] = [];
  const real: string[] = [];
  const visit = (base: string, name: string): void => {
    const found = packageDir(base, name);
    if (found === undefined) return;
    const target = fs.realpathSync(found);
    if (target !== found) links.push({ path: found, target });
    if (seen.has(target)) return;
    seen.add(target);
    real.push(target);
    for (const dep of dependencies(target)) visit(target, dep);
  };
  for (const name of names) visit(from, name);
  // Third-party packages put their entry anywhere (protobufjs: index.js beside a dist/): expose whole folders.
  return { readable: real, links };
}

/**
 * The plugin's own npm dependencies (its `package.json` `dependencies`, recursively), wherever npm put them: in the
 * plugin's folder (already readable) or hoisted into a parent `node_modules` (a workspace, a global install). Only
 * these packages become readable to the plugin, read-only — not the rest of that `node_modules`.
 */
export function pluginDependencies(pluginDir: string): Pick<SandboxCode, 'readable' | 'links'> {
  if (!fs.existsSync(path.join(pluginDir, 'package.json'))) return { readable: [], links: [] };
  let names: string[];
  try {
    names = dependencies(pluginDir);
  } catch {
    return { readable: [], links: [] };
  }
  const inside = (p: string): boolean => p === pluginDir || p.startsWith(pluginDir + path.sep);
  const found = closure(pluginDir, names, new Set());
  return { readable: found.readable.filter((p) => !inside(p)), links: found.links.filter((l) => !inside(l.path)) };
}

let cached: SandboxCode | undefined;

/**
 * Finds the sandbox's code through the `@berth/host` package folder (not this module's URL: tests run the host
 * from its TypeScript sources, but the child always runs the built JavaScript in `dist`).
 */
export function sandboxCode(): SandboxCode {
  if (cached !== undefined) return cached;
  const hostDir = fs.realpathSync(path.dirname(require.resolve('@berth/host/package.json')));
  const childDir = path.join(hostDir, 'dist', 'sandbox', 'child');
  const links: { path: string; target: string }[] = [];
  const real = new Set<string>([hostDir]);
  const visit = (from: string, name: string): void => {
    const found = packageDir(from, name);
    if (found === undefined) return;
    const target = fs.realpathSync(found);
    if (target !== found) links.push({ path: found, target });
    if (real.has(target)) return;
    real.add(target);
    for (const dep of dependencies(target)) visit(target, dep);
  };
  visit(hostDir, '@berth/sdk');
  cached = {
    hostDir,
    childEntry: path.join(childDir, 'main.js'),
    guard: path.join(childDir, 'guard.js'),
    networkGuard: path.join(childDir, 'network-guard.js'),
    servingTier: path.join(childDir, 'serving-tier.js'),
    readable: [...real].flatMap(runtimeFiles),
    links,
  };
  return cached;
}
