import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ConfigCorruptError } from '@berth/sdk';
import type { SavedGrant } from '../config/host-config.js';
import type { BerthPaths } from '../config/paths.js';
import { saveWithPrevious } from '../config/atomic-save.js';

const lockedPackage = z.object({ path: z.string(), version: z.string(), resolved: z.string().optional(), integrity: z.string().optional() });

const addOptions = z.object({
  args: z.array(z.string()),
  env: z.record(z.string(), z.string()),
  envNames: z.array(z.string()),
  secrets: z.array(z.string()),
  allowNet: z.array(z.string()),
  allowSpawn: z.array(z.string()),
  readOnly: z.boolean(),
  bin: z.string().optional(),
});

const entryBase = z.object({
  name: z.string(),
  kind: z.enum(['mcp', 'plugin']),
  source: z.object({
    kind: z.enum(['npm', 'tarball', 'folder']),
    id: z.string(),
    spec: z.string(),
    packageName: z.string().optional(),
    range: z.string().optional(),
    path: z.string().optional(),
  }),
  packageName: z.string(),
  version: z.string(),
  integrity: z.string(),
  resolved: z.string(),
  installDir: z.string(),
  pluginDir: z.string(),
  installedAt: z.string(),
  packages: z.array(lockedPackage),
  files: z.record(z.string(), z.string()),
  add: addOptions.optional(),
  grants: z.array(z.object({ permission: z.string(), scope: z.array(z.string()).optional() })),
});

const entry = entryBase.extend({ previous: entryBase.optional() });

const lockSchema = z.object({ lockfileVersion: z.literal(1), plugins: z.record(z.string(), entry) });

/** How `berth mcp add` generated an installed server's manifest (kept to generate it again on update). */
export type McpAddOptions = z.infer<typeof addOptions>;

/** One installed version: its source, exact version, integrity of every package, a hash of every file, its grants. */
export type LockedInstall = z.infer<typeof entryBase>;

/** A lock file entry: the installed version and the one before it (for `berth plugins rollback`). */
export type LockEntry = z.infer<typeof entry>;

/** The lock file: every plugin Berth installed from a package (npm, tarball, folder). */
export interface LockFile {
  /** The format version. */
  readonly lockfileVersion: 1;
  /** By plugin name. */
  readonly plugins: Readonly<Record<string, LockEntry>>;
}

/** The lock file beside the configuration file: `plugins.lock.json`. */
export function lockFilePath(paths: Pick<BerthPaths, 'configFile'>): string {
  return join(dirname(paths.configFile), 'plugins.lock.json');
}

/** Reads the lock file (an absent file is an empty lock). A corrupt one throws `ConfigCorruptError`: nothing trusts it. */
export function readLockFile(file: string): LockFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { lockfileVersion: 1, plugins: {} };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigCorruptError({ file, line: 1, column: 1, reason: `not valid JSON: ${(error as Error).message}` });
  }
  const result = lockSchema.safeParse(parsed);
  if (!result.success) throw new ConfigCorruptError({ file, line: 1, column: 1, reason: `/${(result.error.issues[0]?.path ?? []).join('/')}: ${result.error.issues[0]?.message ?? 'invalid'}` });
  return result.data as LockFile;
}

/** Saves the lock file atomically (the old one kept as `.prev`). */
export async function writeLockFile(file: string, lock: LockFile): Promise<void> {
  let exists = true;
  try {
    readFileSync(file);
  } catch {
    exists = false;
  }
  await saveWithPrevious(file, `${JSON.stringify(lock, null, 2)}\n`, { exists });
}

/** `lock` with `name`'s entry replaced (or removed when `value` is undefined). */
export function withEntry(lock: LockFile, name: string, value: LockEntry | undefined): LockFile {
  const plugins: Record<string, LockEntry> = { ...lock.plugins };
  if (value === undefined) delete plugins[name];
  else plugins[name] = value;
  return { lockfileVersion: 1, plugins };
}

/** The identity grants are bound to: `<source id>#<integrity>`. */
export function installIdentity(install: Pick<LockedInstall, 'source' | 'integrity'>): string {
  return `${install.source.id}#${install.integrity}`;
}

/** The grants an entry records as approved. */
export function lockedGrants(install: LockedInstall): readonly SavedGrant[] {
  return install.grants;
}
