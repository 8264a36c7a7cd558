import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Arborist from '@npmcli/arborist';
import pacote from 'pacote';
import { PackageNotServerError } from '@berth/sdk';
import type { PackageSource } from './package-source.js';
import { installError } from './registry-errors.js';

/** One package of an installed tree, as the lock file records it. */
export interface LockedPackage {
  /** Its place in the tree, e.g. `node_modules/zod`. */
  readonly path: string;
  /** Its exact version. */
  readonly version: string;
  /** Where it was fetched from. */
  readonly resolved?: string;
  /** The sha512 integrity of its tarball. */
  readonly integrity?: string;
}

/** What {@link installTree} installed. */
export interface InstalledTree {
  /** The package's name. */
  readonly packageName: string;
  /** Its exact version. */
  readonly version: string;
  /** The sha512 integrity of its tarball. */
  readonly integrity: string;
  /** Where it was fetched from. */
  readonly resolved: string;
  /** Its folder inside the tree. */
  readonly packageDir: string;
  /** Its `package.json`. */
  readonly packageJson: PackageJson;
  /** Every package of the tree, the package itself included. */
  readonly packages: readonly LockedPackage[];
}

/** The `package.json` fields Berth reads. */
export interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly bin?: string | Readonly<Record<string, string>>;
  readonly [key: string]: unknown;
}

/** Where and how to fetch. */
export interface InstallTreeOptions {
  /** The npm registry URL. */
  readonly registry: string;
  /** pacote's cache folder. */
  readonly cacheDir: string;
  /** Install dependencies inside the package's own folder (a package that is itself a Berth plugin folder). */
  readonly nested?: boolean;
}

/** The registry: `npm_config_registry` when set, else npm's public registry. */
export function defaultRegistry(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env['npm_config_registry'] ?? env['NPM_CONFIG_REGISTRY'] ?? 'https://registry.npmjs.org/';
}

const fetchOptions = (options: InstallTreeOptions) =>
  ({ registry: options.registry, cache: options.cacheDir, fetchRetries: 1, fetchRetryMintimeout: 200, fetchRetryMaxtimeout: 1_000, fetchTimeout: 60_000 }) as const;

/** A folder source is packed first (as `npm pack` would, its `prepare` script not run), so the install is a copy. */
async function specOf(source: PackageSource, options: InstallTreeOptions, scratch: string): Promise<string> {
  if (source.kind === 'npm') return `${source.packageName ?? ''}@${source.range ?? 'latest'}`;
  if (source.kind === 'tarball') return source.path ?? source.spec;
  const packed = await pacote.tarball(`file:${source.path ?? source.spec}`, { ...fetchOptions(options), ignoreScripts: true, Arborist });
  const file = path.join(scratch, 'folder.tgz');
  await writeFile(file, packed);
  return file;
}

function sha512(data: Buffer): string {
  return `sha512-${createHash('sha512').update(data).digest('base64')}`;
}

/**
 * Installs `source` and its whole dependency tree into `dir` with Arborist (npm's own installer), **never running
 * lifecycle scripts** (`ignoreScripts`: no `preinstall`, `install`, `postinstall`, `prepare`). `dir` gets a
 * `package.json` depending on the package, `node_modules/` and npm's `package-lock.json`, whose integrity values
 * (sha512 of each tarball, checked by pacote while fetching) are returned for the lock file.
 */
export async function installTree(plugin: string, source: PackageSource, dir: string, options: InstallTreeOptions): Promise<InstalledTree> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'berth-install-'));
  try {
    const spec = await specOf(source, options, scratch).catch((error: unknown) => {
      throw installError(plugin, source.spec, options.registry, error);
    });
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'berth-installed-plugin', private: true, description: `${plugin}, installed by Berth` }, null, 2)}\n`);
    const arborist = new Arborist({
      path: dir,
      ...fetchOptions(options),
      ignoreScripts: true,
      audit: false,
      fund: false,
      progress: false,
      ...(options.nested === true ? { installStrategy: 'nested' as const } : {}),
    });
    await arborist.reify({ add: [spec], save: true }).catch((error: unknown) => {
      throw installError(plugin, source.spec, options.registry, error);
    });
    const root = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    const packageName = Object.keys(root.dependencies ?? {})[0] ?? '';
    const lock = JSON.parse(await readFile(path.join(dir, 'package-lock.json'), 'utf8')) as {
      packages?: Record<string, { version?: string; resolved?: string; integrity?: string }>;
    };
    const packages: LockedPackage[] = Object.entries(lock.packages ?? {})
      .filter(([where]) => where !== '')
      .map(([where, p]) => ({ path: where, version: p.version ?? '', ...(p.resolved !== undefined ? { resolved: p.resolved } : {}), ...(p.integrity !== undefined ? { integrity: p.integrity } : {}) }));
    const packageDir = path.join(dir, 'node_modules', packageName);
    const packageJson = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as PackageJson;
    const own = packages.find((p) => p.path === `node_modules/${packageName}`);
    const integrity = own?.integrity ?? (source.kind === 'npm' ? '' : sha512(await readFile(spec)));
    return { packageName, version: packageJson.version, integrity, resolved: own?.resolved ?? spec, packageDir, packageJson, packages };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The exact version and tarball integrity `source` resolves to now, without installing (for `plugins update`). */
export async function resolveVersion(plugin: string, source: PackageSource, options: InstallTreeOptions): Promise<{ version: string; integrity: string }> {
  if (source.kind !== 'npm') return { version: '', integrity: '' };
  try {
    const found = await pacote.manifest(`${source.packageName ?? ''}@${source.range ?? 'latest'}`, fetchOptions(options));
    return { version: found.version, integrity: found._integrity };
  } catch (error) {
    throw installError(plugin, source.spec, options.registry, error);
  }
}

/**
 * The plugin name in a package's own `plugin.json` (for `berth plugins install npm:<pkg>`, which installs under that
 * name): the package is unpacked to a scratch folder (no scripts run) and read.
 */
export async function pluginNameOfPackage(source: PackageSource, registry: string = defaultRegistry(), cacheDir?: string): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'berth-peek-'));
  const options: InstallTreeOptions = { registry, cacheDir: cacheDir ?? path.join(scratch, 'cache') };
  try {
    const spec = source.kind === 'npm' ? `${source.packageName ?? ''}@${source.range ?? 'latest'}` : `file:${source.path ?? source.spec}`;
    await pacote.extract(spec, path.join(scratch, 'package'), { ...fetchOptions(options), ignoreScripts: true }).catch((error: unknown) => {
      throw installError('(unnamed)', source.spec, registry, error);
    });
    const text = await readFile(path.join(scratch, 'package', 'plugin.json'), 'utf8').catch(() => undefined);
    const name = text === undefined ? undefined : (JSON.parse(text) as { name?: unknown }).name;
    if (typeof name !== 'string') {
      throw new PackageNotServerError(source.spec, 'it ships no plugin.json with a name', `add an MCP server package with: berth mcp add <name> ${source.spec}`);
    }
    return name;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
