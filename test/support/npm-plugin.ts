import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

/** The repository root, whose `node_modules` holds the published MCP servers (root devDependencies). */
export const repoRoot = resolve(import.meta.dirname, '..', '..');
const rootModules = join(repoRoot, 'node_modules');

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly bin?: string | Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

const readPackage = (dir: string): PackageJson => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

/** Where Node resolves package `name` from folder `from`, or undefined. */
function packageDir(from: string, name: string): string | undefined {
  for (const base of createRequire(join(from, 'package.json')).resolve.paths(name) ?? []) {
    const candidate = join(base, name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  return undefined;
}

/** Options of {@link npmPluginFolder}. */
export interface NpmPluginFolderOptions {
  /** The published packages the plugin depends on (installed in the repository's `node_modules`). */
  readonly packages: readonly string[];
  /** The `plugin.json` to write. */
  readonly manifest: Readonly<Record<string, unknown>>;
  /** Where to create the folder (default: a fresh temp folder). */
  readonly parent?: string;
}

/**
 * A plugin folder as `npm install <packages>` leaves it: `plugin.json`, a `package.json` depending on the
 * packages, and a real `node_modules` holding their whole dependency closure (copied from the repository's
 * `node_modules` with the same layout, so Node resolves every import exactly as there) and `node_modules/.bin`
 * links to their bin files. Nothing links back to the repository: the folder is self-contained.
 */
export function npmPluginFolder(options: NpmPluginFolderOptions): string {
  const dir = join(options.parent ?? mkdtempSync(join(tmpdir(), 'berth-npm-plugin-')), String(options.manifest['name']));
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '.bin'), { recursive: true });
  const dependencies: Record<string, string> = {};
  const seen = new Set<string>();
  const visit = (from: string, name: string, optional: boolean): void => {
    const found = packageDir(from, name);
    if (found === undefined) {
      if (optional || isBuiltin(name)) return; // a polyfill npm left out because Node has it built in
      throw new Error(`${name} is not installed under ${from}: add it to the root devDependencies`);
    }
    const real = realpathSync(found);
    if (seen.has(real)) return;
    seen.add(real);
    const place = relative(rootModules, found);
    if (place.startsWith('..')) throw new Error(`${found} is not inside ${rootModules}`);
    const target = join(modules, place);
    if (!existsSync(target)) {
      mkdirSync(dirname(target), { recursive: true });
      cpSync(real, target, { recursive: true, filter: (src) => !relative(real, src).split('/').includes('node_modules') });
    }
    const manifest = readPackage(real);
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(real, dep, false);
    for (const dep of Object.keys({ ...manifest.optionalDependencies, ...manifest.peerDependencies })) visit(real, dep, true);
  };
  for (const name of options.packages) {
    visit(repoRoot, name, false);
    const manifest = readPackage(join(modules, name));
    dependencies[name] = manifest.version;
    const bins = typeof manifest.bin === 'string' ? { [name.replace(/^@[^/]+\//, '')]: manifest.bin } : (manifest.bin ?? {});
    for (const [bin, file] of Object.entries(bins)) {
      const link = join(modules, '.bin', bin);
      if (!existsSync(link)) symlinkSync(relative(join(modules, '.bin'), join(modules, name, file)), link);
    }
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: options.manifest['name'], version: '1.0.0', private: true, type: 'module', dependencies }, null, 2));
  writeFileSync(join(dir, 'plugin.json'), JSON.stringify(options.manifest, null, 2));
  return dir;
}
