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

function dependencies(dir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(manifest.dependencies ?? {});
}

/** A package's runtime files: `dist` and `package.json` when it is built there, else the whole folder. */
function runtimeFiles(dir: string): string[] {
  const dist = path.join(dir, 'dist');
  return fs.existsSync(dist) ? [dist, path.join(dir, 'package.json')] : [dir];
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
  visit(hostDir, 'vscode-jsonrpc');
  cached = {
    hostDir,
    childEntry: path.join(childDir, 'main.js'),
    guard: path.join(childDir, 'guard.js'),
    networkGuard: path.join(childDir, 'network-guard.js'),
    readable: [...real].flatMap(runtimeFiles),
    links,
  };
  return cached;
}
