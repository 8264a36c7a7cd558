import type { ConfigStore, InstallRequest, Installer, LockEntry, SavedGrant, StagedInstall } from '@berth/host';
import { configStore, type GlobalOptions } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { approve } from '../approval.js';
import { grantLabel } from '../permission-text.js';

/** Options shared by the commands that install from a package. */
export interface PackageInstallOptions {
  /** Approve without asking (non-interactive use only). */
  readonly yes?: boolean;
  /** The npm registry URL. */
  readonly registry?: string;
}

/** The store and installer for the global options. */
export async function installerFor(globals: GlobalOptions, registry: string | undefined): Promise<{ store: ConfigStore; installer: Installer }> {
  const { Installer } = await import('@berth/host');
  const store = await configStore(globals);
  await store.load();
  return { store, installer: new Installer({ paths: store.paths, ...(registry !== undefined ? { registry } : {}) }) };
}

const short = (integrity: string): string => (integrity.length > 24 ? `${integrity.slice(0, 24)}…` : integrity);

/** The secrets' values: asked on a terminal, else read from stdin, one line per `--secret` in order. */
export async function readSecrets(names: readonly string[]): Promise<Record<string, string>> {
  if (names.length === 0) return {};
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY === true });
  const values: Record<string, string> = {};
  try {
    if (process.stdin.isTTY === true) {
      for (const name of names) values[name] = (await rl.question(`value of ${name} (stored in the secrets file): `)).trim();
      return values;
    }
    const lines: string[] = [];
    for await (const line of rl) lines.push(line);
    names.forEach((name, i) => (values[name] = lines[i] ?? ''));
    return values;
  } finally {
    rl.close();
  }
}

/** Saves the approval: grants bound to the install identity, the plugin enabled, its secrets in the secrets file. */
async function saveApproval(store: ConfigStore, staged: StagedInstall, grants: readonly SavedGrant[], secrets: Readonly<Record<string, string>>): Promise<void> {
  const { name, version } = staged.install;
  await store.setGrants(name, grants, version, staged.identity);
  if (store.read().plugins?.[name]?.enabled === false) await store.setEnabled(name, true);
  const { SettingsSchema } = await import('@berth/host');
  const schema = SettingsSchema.for(name, version, staged.manifest.configuration);
  for (const [key, value] of Object.entries(secrets)) await store.setSetting(name, key, value, schema);
}

/**
 * Stages `request`, shows every permission it needs in plain words, and puts it in force once approved; refused,
 * the staged files are removed and nothing changes (exit code 4).
 */
export async function installFromPackage(
  globals: GlobalOptions,
  request: InstallRequest,
  options: PackageInstallOptions,
  secrets: Readonly<Record<string, string>> = {},
): Promise<string | undefined> {
  const { store, installer } = await installerFor(globals, options.registry);
  const { berthFolders, requestedGrants } = await import('@berth/host');
  const staged = await installer.stage(request);
  const { name, version } = staged.install;
  process.stderr.write(`fetched ${staged.install.packageName}@${version} (${staged.install.packages.length} packages, integrity ${short(staged.install.integrity)}); no install scripts were run\n`);
  const requested = requestedGrants(staged.manifest);
  const facts = { name, version, pluginDir: staged.install.pluginDir, dataDir: store.pluginDataDir(name), yes: options.yes === true, berthFolders: berthFolders(store.paths) };
  const approved = await approve(facts, requested);
  if (!approved) {
    await installer.discard(staged);
    process.stdout.write(`not approved: nothing was installed or changed\n`);
    process.exitCode = ExitCode.REFUSED;
    return undefined;
  }
  await installer.commit(staged, requested);
  await saveApproval(store, staged, requested, secrets);
  process.stdout.write(`added ${name} ${version} from ${request.source.spec} (locked in ${installer.lockFile})\n`);
  return name;
}

/** Prints a version change and the permission difference (`+` asked for now, `-` no longer asked for). */
function printUpdate(current: LockEntry, staged: StagedInstall, added: readonly SavedGrant[], dropped: readonly SavedGrant[]): void {
  process.stderr.write(`${current.name}: ${current.version} → ${staged.install.version} (${staged.install.source.spec})\n`);
  if (added.length === 0 && dropped.length === 0) process.stderr.write('permissions: unchanged\n');
  for (const g of added) process.stderr.write(`  + ${grantLabel(g)}\n`);
  for (const g of dropped) process.stderr.write(`  - ${grantLabel(g)}\n`);
}

/**
 * `plugins update`: installs the new version beside the current one, shows the version change and the permission
 * diff, and asks again when it asks for more; until approved nothing changes (the current version keeps running).
 */
export async function updateFromPackage(globals: GlobalOptions, current: LockEntry, request: InstallRequest, options: PackageInstallOptions): Promise<void> {
  const { store, installer } = await installerFor(globals, options.registry);
  const { berthFolders, diffGrants, requestedGrants } = await import('@berth/host');
  const staged = await installer.stage(request);
  const requested = requestedGrants(staged.manifest);
  const added = diffGrants(requested, current.grants);
  printUpdate(current, staged, added, diffGrants(current.grants, requested));
  if (added.length > 0) {
    const facts = { name: current.name, version: staged.install.version, pluginDir: staged.install.pluginDir, dataDir: store.pluginDataDir(current.name), yes: options.yes === true, berthFolders: berthFolders(store.paths) };
    if (!(await approve(facts, requested))) {
      await installer.discard(staged);
      process.stdout.write(`not approved: ${current.name} stays at ${current.version} with its grants; nothing changed\n`);
      process.exitCode = ExitCode.REFUSED;
      return;
    }
  }
  await installer.commit(staged, requested);
  await saveApproval(store, staged, requested, {});
  process.stdout.write(`updated ${current.name} ${current.version} → ${staged.install.version} (berth plugins rollback ${current.name} returns to ${current.version})\n`);
}

/** `plugins rollback`: the previous locked version and the grants it had. */
export async function rollbackPackage(globals: GlobalOptions, name: string): Promise<void> {
  const { store, installer } = await installerFor(globals, undefined);
  const before = installer.entry(name);
  const entry = await installer.rollback(name);
  const { installIdentity } = await import('@berth/host');
  await store.setGrants(name, entry.grants, entry.version, installIdentity(entry));
  process.stdout.write(`rolled back ${name} ${before.version} → ${entry.version}; its grants are those approved for ${entry.version}\n`);
}
