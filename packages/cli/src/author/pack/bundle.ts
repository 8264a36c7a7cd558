import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { installedPackage, type InstalledPackage } from '../scaffold/installed-packages.js';

/** The run-time dependency closure of a plugin, as found from its folder (its node_modules, then the parents'). */
export async function runtimeClosure(dir: string, names: readonly string[]): Promise<{ found: InstalledPackage[]; missing: string[] }> {
  const found = new Map<string, InstalledPackage>();
  const missing: string[] = [];
  const visit = async (from: string, name: string): Promise<void> => {
    if (found.has(name)) return;
    const pkg = installedPackage(name, from);
    if (pkg === undefined) {
      missing.push(name);
      return;
    }
    found.set(name, pkg);
    const json = JSON.parse(await readFile(path.join(pkg.dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(json.dependencies ?? {})) await visit(pkg.dir, dep);
  };
  for (const name of names) await visit(dir, name);
  return { found: [...found.values()], missing };
}

/** Copies each package (real files, links followed, without its own node_modules) to `<modules>/<name>`. */
export async function copyBundle(modules: string, packages: readonly InstalledPackage[]): Promise<void> {
  for (const pkg of packages) {
    await cp(pkg.dir, path.join(modules, pkg.name), {
      recursive: true,
      dereference: true,
      filter: (source) => !path.relative(pkg.dir, source).split(path.sep).includes('node_modules'),
    });
  }
}
