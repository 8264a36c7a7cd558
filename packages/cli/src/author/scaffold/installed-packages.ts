import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A package as this installation of the CLI has it. */
export interface InstalledPackage {
  /** Its npm name. */
  readonly name: string;
  /** Its folder (real path). */
  readonly dir: string;
  /** Its version. */
  readonly version: string;
}

/** The CLI package's folder: the nearest one above this module with the CLI's package.json (also from the bundle). */
function findCliDir(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@berth/cli') return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the @berth/cli package above ${fileURLToPath(import.meta.url)}`);
  }
}

const cliDir = findCliDir();

/**
 * Finds `name` the way the CLI itself resolves it (from `from`, default the CLI's folder), by its `package.json`.
 * Undefined when this installation does not have it.
 */
export function installedPackage(name: string, from: string = cliDir): InstalledPackage | undefined {
  if (name === '@berth/cli') return readPackage(cliDir);
  // Node's lookup of a package folder (node_modules of each parent in turn); `exports` maps are not consulted, as
  // many packages do not export their package.json.
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return readPackage(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readPackage(dir: string): InstalledPackage {
  const real = realpathSync(dir);
  const json = JSON.parse(readFileSync(path.join(real, 'package.json'), 'utf8')) as { name: string; version: string };
  return { name: json.name, dir: real, version: json.version };
}

/** The CLI package's own folder (where `templates/` is). */
export function cliPackageDir(): string {
  return cliDir;
}
