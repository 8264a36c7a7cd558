import { chmod, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PlannedDependency } from './dependencies.js';
import { installedPackage, type InstalledPackage } from './installed-packages.js';

/** Commands the build and test scripts call, and the file of each package that runs them. */
const BINS: Readonly<Record<string, { readonly bin: string; readonly file: string }>> = {
  typescript: { bin: 'tsc', file: 'bin/tsc' },
  '@berth/cli': { bin: 'berth', file: 'dist/main.js' },
};

interface PackageJson {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly types?: string;
}

const readJson = async (file: string): Promise<PackageJson> => JSON.parse(await readFile(file, 'utf8')) as PackageJson;

/**
 * Copies a run-time dependency and its own dependencies, recursively, into `<modules>` as real files (flat). Not
 * links: the sandbox refuses a plugin folder holding a symlink that leads outside it, and a copy is what the plugin
 * will run with once packed and installed anyway.
 */
async function copyClosure(modules: string, pkg: InstalledPackage, done: Set<string>): Promise<void> {
  if (done.has(pkg.name)) return;
  done.add(pkg.name);
  const json = await readJson(path.join(pkg.dir, 'package.json'));
  const target = path.join(modules, pkg.name);
  // Everything but its own node_modules (those packages are copied flat, below): `files` lists are too varied to trust.
  await cp(pkg.dir, target, {
    recursive: true,
    dereference: true,
    filter: (source) => !path.relative(pkg.dir, source).split(path.sep).includes('node_modules'),
  });
  for (const name of Object.keys(json.dependencies ?? {})) {
    const dep = installedPackage(name, pkg.dir);
    if (dep !== undefined) await copyClosure(modules, dep, done);
  }
}

/**
 * A stand-in package for a build or test tool: a package.json and modules re-exporting the installed copy by its
 * absolute path (so the plugin folder holds no symlink, and the tool is not copied).
 */
async function writeStandIn(modules: string, pkg: InstalledPackage): Promise<void> {
  const target = path.join(modules, pkg.name);
  await mkdir(target, { recursive: true });
  const json = await readJson(path.join(pkg.dir, 'package.json'));
  if (pkg.name.startsWith('@types/')) {
    const types = path.join(pkg.dir, json.types ?? 'index.d.ts');
    await writeFile(path.join(target, 'index.d.ts'), `/// <reference path="${types}" />\n`);
    await writeFile(path.join(target, 'package.json'), `${JSON.stringify({ name: pkg.name, version: pkg.version, types: 'index.d.ts' }, null, 2)}\n`);
    return;
  }
  const entry = path.join(pkg.dir, 'dist', 'index.js');
  await writeFile(path.join(target, 'index.js'), `export * from ${JSON.stringify(pathToFileURL(entry).href)};\n`);
  await writeFile(path.join(target, 'index.d.ts'), `export * from ${JSON.stringify(entry)};\n`);
  const standIn = { name: pkg.name, version: pkg.version, type: 'module', main: 'index.js', types: 'index.d.ts', description: `stands for ${pkg.dir} (written by berth new)` };
  await writeFile(path.join(target, 'package.json'), `${JSON.stringify(standIn, null, 2)}\n`);
}

/**
 * Makes this installation's copies of the dependencies usable in `<dir>` at once, offline, with no registry: run-time
 * dependencies are copied into `node_modules`; `@berth/testing` and `@types/node` get stand-ins pointing at the
 * installed copies; `tsc` and `berth` get launchers in `node_modules/.bin`. Returns the names it could not provide
 * (the user then runs `npm install`).
 */
export async function linkDependencies(dir: string, dependencies: readonly PlannedDependency[]): Promise<string[]> {
  const modules = path.join(dir, 'node_modules');
  const bin = path.join(modules, '.bin');
  await mkdir(bin, { recursive: true });
  const missing: string[] = [];
  const copied = new Set<string>();
  for (const dependency of dependencies) {
    const installed = dependency.installed;
    if (installed === undefined) {
      missing.push(dependency.name);
      continue;
    }
    const command = BINS[dependency.name];
    if (command !== undefined) {
      const launcher = path.join(bin, command.bin);
      await writeFile(launcher, `#!/bin/sh\nexec "${process.execPath}" "${path.join(installed.dir, command.file)}" "$@"\n`);
      await chmod(launcher, 0o755);
    } else if (dependency.kind === 'dependencies') await copyClosure(modules, installed, copied);
    else await writeStandIn(modules, installed);
  }
  return missing;
}
