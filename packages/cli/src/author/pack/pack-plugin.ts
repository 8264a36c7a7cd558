import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatManifestProblem, PackageInvalidError } from '@berth/sdk';
import { copyBundle, runtimeClosure } from './bundle.js';
import { fileIntegrity } from './integrity.js';
import { packageFiles } from './package-files.js';

/** What {@link packPlugin} made. */
export interface PackedPlugin {
  /** The tarball. */
  readonly file: string;
  /** Its sha512 integrity (`sha512-…`), what `berth plugins install` records and checks. */
  readonly integrity: string;
  /** The plugin's name and version. */
  readonly name: string;
  readonly version: string;
  /** The plugin's own files packed (relative paths). */
  readonly files: readonly string[];
  /** The run-time dependencies bundled under node_modules. */
  readonly bundled: readonly string[];
}

interface PackageJson {
  name?: string;
  version?: string;
  files?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  bundleDependencies?: string[];
  [key: string]: unknown;
}

const versionOf = (found: readonly { name: string; version: string }[], name: string): string => found.find((p) => p.name === name)?.version ?? '*';

/** npm's tarball name: `@scope/name` → `scope-name-<version>.tgz`. */
const tarballName = (name: string, version: string): string => `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;

/** A fixed date for every entry, so packing the same files twice gives the same bytes (and integrity). */
const EPOCH = new Date('1985-10-26T08:15:00.000Z');

/**
 * Packs a built plugin folder into an npm-style tarball (`package/…`): its files, its `plugin.json`, and its run-time
 * dependencies bundled (`bundleDependencies`, real copies: Berth's own packages are not on any registry, and what is
 * installed is exactly what was packed and hashed). `devDependencies` are dropped. Refuses an invalid or unbuilt
 * plugin (its `main` must exist).
 */
export async function packPlugin(dir: string, outDir: string = dir): Promise<PackedPlugin> {
  // Loaded here, not at the top: the berth bundle hoists a module's static package imports to its first line.
  const { loadManifest } = await import('@berth/host');
  const loaded = await loadManifest(dir);
  if (!loaded.ok) {
    throw new PackageInvalidError(dir, `plugin.json is not valid:\n${loaded.problems.map((p) => `  ${formatManifestProblem(p)}`).join('\n')}`, 'fix it (berth validate --fix) and build the plugin first');
  }
  const { manifest } = loaded;
  const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8').catch(() => '{}')) as PackageJson;
  const own = await packageFiles(dir, pkg.files);
  const dependencies = Object.keys(pkg.dependencies ?? {});
  const closure = await runtimeClosure(dir, dependencies);
  if (closure.missing.length > 0) {
    throw new PackageInvalidError(dir, `its dependencies ${closure.missing.join(', ')} are not installed`, 'run npm install in the plugin folder first');
  }
  const staging = await mkdtemp(path.join(os.tmpdir(), 'berth-pack-'));
  try {
    const root = path.join(staging, 'package');
    for (const rel of own) {
      await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await cp(path.join(dir, rel), path.join(root, rel), { dereference: true });
    }
    const { devDependencies: _dev, ...kept } = pkg;
    const packed: PackageJson = {
      ...kept,
      name: pkg.name ?? manifest.name,
      version: manifest.version,
      // Each dependency pinned to the copy bundled beside it (a file: or workspace spec means nothing elsewhere).
      ...(dependencies.length > 0 ? { dependencies: Object.fromEntries(dependencies.map((d) => [d, versionOf(closure.found, d)])), bundleDependencies: dependencies } : {}),
    };
    await writeFile(path.join(root, 'package.json'), `${JSON.stringify(packed, null, 2)}\n`);
    await copyBundle(path.join(root, 'node_modules'), closure.found);
    await mkdir(outDir, { recursive: true });
    const file = path.join(outDir, tarballName(manifest.name, manifest.version));
    const tar = await import('tar');
    await tar.create({ gzip: true, file, cwd: staging, portable: true, mtime: EPOCH }, ['package']);
    return { file, integrity: await fileIntegrity(file), name: manifest.name, version: manifest.version, files: own, bundled: closure.found.map((p) => p.name) };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
