import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InstallFailedError, InstallNotFoundError, RollbackUnavailableError, type PluginManifest } from '@berth/sdk';
import type { SavedGrant } from '../config/host-config.js';
import { safeSegment, type BerthPaths } from '../config/paths.js';
import { loadManifest } from '../manifest/load.js';
import { defaultRegistry, installTree } from './install-tree.js';
import { installIdentity, lockFilePath, readLockFile, withEntry, writeLockFile, type LockEntry, type LockedInstall, type LockFile, type McpAddOptions } from './lock-file.js';
import { mcpManifest } from './mcp-manifest.js';
import type { PackageSource } from './package-source.js';
import { digestTree } from './tree-digest.js';

/** What to install: a name, a source, and either an MCP server (`mcp`, manifest generated) or a Berth plugin package. */
export interface InstallRequest {
  /** The plugin's name. */
  readonly name: string;
  /** Where the package comes from. */
  readonly source: PackageSource;
  /** `mcp`: an MCP server package, its manifest generated from `add`; `plugin`: a package shipping its plugin.json. */
  readonly kind: 'mcp' | 'plugin';
  /** How to run an MCP server (kind `mcp`). */
  readonly add?: McpAddOptions;
}

/** An install on disk, not yet in force: nothing points at it until {@link Installer.commit}. */
export interface StagedInstall {
  /** What the lock file will record (its `grants` are set at commit). */
  readonly install: LockedInstall;
  /** Its validated manifest. */
  readonly manifest: PluginManifest;
  /** The identity its grants will be bound to. */
  readonly identity: string;
  /** The version installed now under that name, if any. */
  readonly current?: LockEntry;
}

/** Where the installer keeps things. */
export interface InstallerOptions {
  /** Berth's paths (the lock file sits beside the configuration file; trees under `<dataDir>/installs`). */
  readonly paths: BerthPaths;
  /** The npm registry (default: `npm_config_registry`, else npm's public registry). */
  readonly registry?: string;
}

function withoutPrevious(entry: LockEntry): LockedInstall {
  const { previous: _previous, ...rest } = entry;
  return rest;
}

/**
 * Installs packages as plugins: each version in its own folder under `<dataDir>/installs/<name>/`, the user
 * plugins folder holding a link to the version in force, the lock file (`plugins.lock.json`) recording source,
 * exact versions, integrity of every package and a hash of every file. Installing never changes what runs until
 * `commit`; the previous version is kept for `rollback`.
 */
export class Installer {
  /** The lock file's path. */
  readonly lockFile: string;
  /** The npm registry used. */
  readonly registry: string;
  readonly #paths: BerthPaths;

  /** @param options - paths and registry */
  constructor(options: InstallerOptions) {
    this.#paths = options.paths;
    this.lockFile = lockFilePath(options.paths);
    this.registry = options.registry ?? defaultRegistry();
  }

  /** The lock file as it is now. */
  lock(): LockFile {
    return readLockFile(this.lockFile);
  }

  /** The lock file entry of `name`; throws `InstallNotFoundError` when Berth did not install it. */
  entry(name: string): LockEntry {
    const lock = this.lock();
    const entry = lock.plugins[name];
    if (entry === undefined) throw new InstallNotFoundError(name, this.lockFile, Object.keys(lock.plugins));
    return entry;
  }

  /** The link in the user plugins folder that discovery finds. */
  linkPath(name: string): string {
    return path.join(this.#paths.dataDir, 'plugins', name);
  }

  #installsOf(name: string): string {
    return path.join(this.#paths.dataDir, 'installs', safeSegment(name));
  }

  /**
   * Fetches and installs `request.source` into a fresh folder (lifecycle scripts never run), writes the generated
   * manifest of an MCP server, validates the manifest and hashes the tree. Nothing that runs changes.
   */
  async stage(request: InstallRequest): Promise<StagedInstall> {
    const current = this.lock().plugins[request.name];
    await this.#refuseForeignFolder(request.name, current);
    const installDir = path.join(this.#installsOf(request.name), `${Date.now()}-${randomBytes(3).toString('hex')}`);
    try {
      const tree = await installTree(request.name, request.source, installDir, {
        registry: this.registry,
        cacheDir: path.join(this.#paths.dataDir, 'npm-cache'),
        nested: request.kind === 'plugin',
      });
      const pluginDir = request.kind === 'mcp' ? installDir : tree.packageDir;
      if (request.kind === 'mcp') {
        const manifest = mcpManifest(request.name, tree, installDir, request.add ?? emptyAdd());
        await writeFile(path.join(installDir, 'plugin.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      }
      const loaded = await loadManifest(pluginDir);
      if (!loaded.ok) throw loaded.error;
      if (loaded.manifest.name !== request.name) {
        throw new InstallFailedError(request.name, request.source.spec, `the package's plugin.json names the plugin '${loaded.manifest.name}'; add it under that name`);
      }
      const install: LockedInstall = {
        name: request.name,
        kind: request.kind,
        source: { ...request.source },
        packageName: tree.packageName,
        version: tree.version,
        integrity: tree.integrity,
        resolved: tree.resolved,
        installDir,
        pluginDir,
        installedAt: new Date().toISOString(),
        packages: [...tree.packages],
        files: await digestTree(installDir),
        ...(request.add !== undefined ? { add: request.add } : {}),
        grants: [],
      };
      return { install, manifest: loaded.manifest, identity: installIdentity(install), ...(current !== undefined ? { current } : {}) };
    } catch (error) {
      await rm(installDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Removes a staged install that was not approved. */
  async discard(staged: StagedInstall): Promise<void> {
    await rm(staged.install.installDir, { recursive: true, force: true });
  }

  /** Puts a staged install in force with the approved `grants`: lock file, link; the replaced version is kept for rollback. */
  async commit(staged: StagedInstall, grants: readonly SavedGrant[]): Promise<LockEntry> {
    const lock = this.lock();
    const current = lock.plugins[staged.install.name];
    const entry: LockEntry = { ...staged.install, grants: grants.map((g) => ({ permission: g.permission, ...(g.scope !== undefined ? { scope: [...g.scope] } : {}) })), ...(current !== undefined ? { previous: withoutPrevious(current) } : {}) };
    await writeLockFile(this.lockFile, withEntry(lock, entry.name, entry));
    await this.#link(entry.name, entry.pluginDir);
    await this.#prune(entry);
    return entry;
  }

  /** Returns `name` to its previous locked version (the current one becomes the previous); its grants are in the entry. */
  async rollback(name: string): Promise<LockEntry> {
    const current = this.entry(name);
    if (current.previous === undefined) throw new RollbackUnavailableError(name, this.lockFile);
    const entry: LockEntry = { ...current.previous, previous: withoutPrevious(current) };
    await writeLockFile(this.lockFile, withEntry(this.lock(), name, entry));
    await this.#link(name, entry.pluginDir);
    return entry;
  }

  /** Removes an installed plugin: its link, its installed versions and its lock file entry. */
  async remove(name: string): Promise<LockEntry> {
    const entry = this.entry(name);
    await rm(this.linkPath(name), { force: true });
    await writeLockFile(this.lockFile, withEntry(this.lock(), name, undefined));
    await rm(this.#installsOf(name), { recursive: true, force: true });
    return entry;
  }

  /** A user plugin folder of that name that Berth did not install from a package is never replaced. */
  async #refuseForeignFolder(name: string, current: LockEntry | undefined): Promise<void> {
    const stat = await lstat(this.linkPath(name)).catch(() => undefined);
    if (stat !== undefined && (current === undefined || !stat.isSymbolicLink())) {
      throw new InstallFailedError(name, this.linkPath(name), `a plugin folder named '${name}' is already installed at ${this.linkPath(name)}; choose another name or remove it first`);
    }
  }

  /** Points the user plugins folder's link at `target`, atomically (a new link renamed over the old one). */
  async #link(name: string, target: string): Promise<void> {
    const link = this.linkPath(name);
    await mkdir(path.dirname(link), { recursive: true });
    const staging = `${link}.${process.pid}.${randomBytes(3).toString('hex')}.link`;
    await symlink(target, staging, 'dir');
    await rename(staging, link);
  }

  /** Keeps only the version in force and the previous one. */
  async #prune(entry: LockEntry): Promise<void> {
    const keep = new Set([entry.installDir, entry.previous?.installDir].filter((d): d is string => d !== undefined).map((d) => path.basename(d)));
    const folder = this.#installsOf(entry.name);
    for (const dir of await readdir(folder).catch(() => [] as string[])) {
      if (!keep.has(dir)) await rm(path.join(folder, dir), { recursive: true, force: true });
    }
  }
}

function emptyAdd(): McpAddOptions {
  return { args: [], env: {}, envNames: [], secrets: [], allowNet: [], allowSpawn: [], readOnly: false };
}
