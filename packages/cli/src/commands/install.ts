import { lstat, mkdir, realpath, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { formatManifestProblem } from '@berth/sdk/errors';
import type { SavedGrant } from '@berth/host';
import { describeOutcome } from '@berth/host/control';
import { installFromPackage } from './package-install.js';
import { connectServer } from '../operations.js';
import { confirm } from '../approval.js';
import { configStore, type GlobalOptions } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { reportFailure } from '../fail.js';
import { copyPluginFolder } from '../install/copy-plugin.js';

/** The plugin name a package's plugin.json gives (read from the registry or the tarball without installing). */
async function packageName(source: string, registry: string | undefined): Promise<string> {
  const { parseSource, pluginNameOfPackage } = await import('@berth/host');
  return pluginNameOfPackage(parseSource(source), registry);
}

/** Options of `berth plugins install`. */
interface InstallOptions {
  readonly link?: boolean;
  readonly yes?: boolean;
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

async function printRequest(name: string, version: string, grants: readonly SavedGrant[], upgrade: boolean): Promise<void> {
  const { describeGrant } = await import('../permission-text.js');
  const what = upgrade ? `'${name}' ${version} asks for more than was granted:` : `'${name}' ${version} asks for:`;
  process.stderr.write(grants.length === 0 ? `'${name}' ${version} asks for no permissions.\n` : `${what}\n${grants.map(describeGrant).join('\n')}\n`);
}

/**
 * `berth plugins install <folder> [--link] [--yes]`: copies (or links) a plugin into the user root and asks the
 * user to approve every permission it requests. Refusing installs it disabled (a new plugin) or leaves the old grant
 * as it was, so the new version waits in needs-approval (an upgrade asking for more).
 */
export function registerInstall(plugins: Command, globals: () => GlobalOptions): void {
  plugins
    .command('install')
    .description('copy (or --link) a plugin folder into the user plugins folder, approving its permissions')
    .argument('<folder>', 'the plugin folder (holding plugin.json), or npm:<package>[@range] or ./package.tgz shipping one')
    .option('--link', 'link the folder instead of copying it (for development)')
    .option('-y, --yes', 'approve the requested permissions without asking')
    .option('--registry <url>', 'the npm registry (npm: sources)')
    .action(async (folder: string, options: InstallOptions & { registry?: string }) => {
      try {
        const { isPackageSourceText, parseSource } = await import('@berth/host');
        // npm:<package> and .tgz sources are packages shipping their own plugin.json: installed like `mcp add`.
        const name = isPackageSourceText(folder)
          ? await installFromPackage(globals(), { name: await packageName(folder, options.registry), source: parseSource(folder), kind: 'plugin' }, options)
          : await install(path.resolve(folder), options, globals());
        if (name !== undefined) await tellServer(globals(), name);
      } catch (error) {
        reportFailure(error);
      }
    });
}

/** A running `berth serve` loads the installed plugin now (or reloads the version it runs). */
export async function tellServer(globals: GlobalOptions, name: string): Promise<void> {
  const client = await connectServer(globals);
  if (client === undefined) return;
  try {
    const outcome = await client.reloadPlugin(name);
    const line = outcome.status === 'failed' ? `error ${outcome.error.code}: ${outcome.error.message}` : describeOutcome(outcome);
    process.stderr.write(`the running berth serve (${client.socket}): ${name}: ${line}\n`);
  } finally {
    client.close();
  }
}

/** Installs the plugin at `source`; returns its name once it is in place (undefined when its manifest is invalid). */
async function install(source: string, options: InstallOptions, globals: GlobalOptions): Promise<string | undefined> {
  const { diffGrants, grantsOf, loadManifest, mcpServerConfinement, requestedGrants } = await import('@berth/host');
  const loaded = await loadManifest(source);
  if (!loaded.ok) {
    const problems = (loaded.error as { problems?: Parameters<typeof formatManifestProblem>[0][] }).problems;
    process.stderr.write(`cannot install ${source}:\n${problems?.map((p) => `  ${formatManifestProblem(p)}`).join('\n') ?? `  ${loaded.error.message}`}\n`);
    process.exitCode = ExitCode.ERRORS;
    return undefined;
  }
  const { manifest } = loaded;
  const confinement = mcpServerConfinement(manifest, source);
  if (confinement.kind === 'broken') {
    process.stderr.write(`cannot install ${source}: ${confinement.error.message}\n`);
    process.exitCode = ExitCode.ERRORS;
    return undefined;
  }
  // Said before any approval: a server Berth cannot sandbox runs with everything the user's account can do.
  if (confinement.kind === 'unconfined') process.stderr.write(`warning: '${manifest.name}': ${confinement.message}\n`);
  const store = await configStore(globals);
  await store.load();
  const target = path.join(store.paths.dataDir, 'plugins', manifest.name);
  const previous = store.read().plugins?.[manifest.name];
  const upgrade = previous?.grants !== undefined;
  const requested = requestedGrants(manifest);
  const missing = diffGrants(requested, grantsOf(store.read(), manifest.name));
  await mkdir(path.dirname(target), { recursive: true });
  if (await exists(target)) await rm(target, { recursive: true, force: true });
  if (options.link === true) await symlink(source, target, 'dir');
  else await copyPluginFolder(source, target);
  process.stderr.write(`${options.link === true ? 'linked' : 'copied'} ${source} to ${target}\n`);
  // Grants bound to this folder's install identity (as the host computes it: `folder:<real path>`), so a plugin of
  // the same name elsewhere (a trusted project's root wins over the user's) does not inherit them.
  const identity = `folder:${await realpath(target)}`;
  if (missing.length === 0) {
    if (!upgrade) await store.setGrants(manifest.name, requested, manifest.version, identity);
    process.stdout.write(`installed ${manifest.name} ${manifest.version}\n`);
    return manifest.name;
  }
  await printRequest(manifest.name, manifest.version, upgrade ? missing : requested, upgrade);
  const approved = options.yes === true || (await confirm('Approve these permissions?'));
  if (approved) {
    await store.setGrants(manifest.name, requested, manifest.version, identity);
    if (previous?.enabled === false && !upgrade) await store.setEnabled(manifest.name, true);
    process.stdout.write(`installed ${manifest.name} ${manifest.version} with its permissions approved\n`);
    return manifest.name;
  }
  if (!upgrade) await store.setEnabled(manifest.name, false);
  process.stdout.write(
    upgrade
      ? `installed ${manifest.name} ${manifest.version}; it waits for approval (the previous grant stays). Run: berth permissions grant ${manifest.name}\n`
      : `installed ${manifest.name} ${manifest.version} disabled, permissions not approved. Run: berth permissions grant ${manifest.name} && berth plugins enable ${manifest.name}\n`,
  );
  process.exitCode = ExitCode.REFUSED;
  return manifest.name;
}
