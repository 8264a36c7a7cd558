import type { Command } from 'commander';
import { parseSource, type LockEntry, type PackageSource } from '@berth/host';
import type { GlobalOptions } from '../context.js';
import { reportFailure } from '../fail.js';
import { installerFor, rollbackPackage, updateFromPackage } from './package-install.js';

/** Options of `berth plugins update`. */
interface UpdateFlags {
  readonly reinstall?: boolean;
  readonly registry?: string;
  readonly yes?: boolean;
}

/** The source to update from: the one given, the locked version again (`--reinstall`), or the locked source's range. */
function updateSource(entry: LockEntry, given: string | undefined, reinstall: boolean): PackageSource {
  if (given !== undefined) return parseSource(given);
  const source = entry.source as PackageSource;
  if (reinstall && source.kind === 'npm') return { ...source, range: entry.version, spec: `npm:${source.packageName ?? entry.packageName}@${entry.version}` };
  return source;
}

/** `berth plugins update <name> [source]` and `berth plugins rollback <name>`. */
export function registerUpdate(plugins: Command, globals: () => GlobalOptions): void {
  plugins
    .command('update')
    .description('update an installed package plugin: shows the version change and the permission diff, asks again for more')
    .argument('<name>', 'plugin name')
    .argument('[source]', 'another source or range: npm:<package>@<range>, ./package.tgz (default: the locked source)')
    .option('--reinstall', 'install the locked version again (repairs a changed file)')
    .option('--registry <url>', 'the npm registry')
    .option('-y, --yes', 'approve new permissions without asking (non-interactive use; every grant is printed)')
    .action(async (name: string, source: string | undefined, flags: UpdateFlags) => {
      try {
        const { installer } = await installerFor(globals(), flags.registry);
        const entry = installer.entry(name);
        const request = { name, source: updateSource(entry, source, flags.reinstall === true), kind: entry.kind, ...(entry.add !== undefined ? { add: entry.add } : {}) };
        await updateFromPackage(globals(), entry, request, flags);
      } catch (error) {
        reportFailure(error);
      }
    });

  plugins
    .command('rollback')
    .description('return an installed package plugin to its previous locked version and the grants it had')
    .argument('<name>', 'plugin name')
    .action(async (name: string) => {
      try {
        await rollbackPackage(globals(), name);
      } catch (error) {
        reportFailure(error);
      }
    });
}
