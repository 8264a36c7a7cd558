import path from 'node:path';
import type { Command } from 'commander';
import type { McpAddOptions } from '@berth/host';
import { type GlobalOptions } from '../context.js';
import { reportFailure } from '../fail.js';
import { printJson, printTable } from '../output.js';
import { tellServer } from './install.js';
import { installFromPackage, installerFor, readSecrets } from './package-install.js';

/** Options of `berth mcp add`. */
interface AddFlags {
  readonly env?: string[];
  readonly envFrom?: string[];
  readonly secret?: string[];
  readonly allowNet?: string[];
  readonly allowSpawn?: string[];
  readonly allowRead?: string[];
  readonly readOnly?: boolean;
  readonly bin?: string;
  readonly registry?: string;
  readonly yes?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `--env NAME=value` pairs. */
function envPairs(pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--env ${pair}: write NAME=value (to pass one of your variables by name, use --env-from NAME)`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

/** The add options as the lock file keeps them (paths made absolute). */
async function addOptions(args: readonly string[], flags: AddFlags): Promise<McpAddOptions> {
  const { absoluteArgs } = await import('@berth/host');
  return {
    args: absoluteArgs(args, process.cwd()),
    env: envPairs(flags.env ?? []),
    envNames: flags.envFrom ?? [],
    secrets: flags.secret ?? [],
    allowNet: flags.allowNet ?? [],
    allowSpawn: (flags.allowSpawn ?? []).map((p) => path.resolve(p)),
    allowRead: absoluteArgs(flags.allowRead ?? [], process.cwd()),
    readOnly: flags.readOnly === true,
    ...(flags.bin !== undefined ? { bin: flags.bin } : {}),
  };
}

/** `berth mcp add|list|remove`: MCP servers from npm (or a tarball, or a folder), installed and run sandboxed. */
export function registerMcp(program: Command, globals: () => GlobalOptions): void {
  const mcp = program.command('mcp').description('add, list and remove MCP servers installed from npm, a tarball or a folder (update and roll back: berth plugins update|rollback <name>)');

  mcp
    .command('add')
    .description('install an MCP server package (no install scripts run) as a sandboxed plugin with least-privilege grants')
    .argument('<name>', 'the plugin name to add it under')
    .argument('<source>', 'npm:<package>[@range], ./package.tgz or ./folder')
    .argument('[serverArgs...]', 'after --: the server\'s arguments; path arguments are granted, URL arguments give host:port')
    .option('--env <NAME=value>', 'set a variable for the server (${pluginData} is its data folder); repeatable', collect)
    .option('--env-from <NAME>', 'pass one of your environment variables by name; repeatable', collect)
    .option('--secret <NAME>', 'a secret the server reads from its environment, stored in the secrets file (value from the terminal or stdin); repeatable', collect)
    .option('--allow-net <host:port>', 'let it connect to this host:port; repeatable', collect)
    .option('--allow-spawn <program>', 'let it start this program (absolute path); repeatable', collect)
    .option('--allow-read <path>', 'let it read this file or folder (e.g. a program\'s configuration); repeatable', collect)
    .option('--read-only', 'grant the path arguments for reading only')
    .option('--bin <name>', 'the command to run, when the package has several')
    .option('--registry <url>', 'the npm registry (default: npm_config_registry, else the public registry)')
    .option('-y, --yes', 'approve the listed grants without asking (non-interactive use; every grant is printed)')
    .action(async (name: string, sourceText: string, serverArgs: string[], flags: AddFlags) => {
      try {
        const { parseSource } = await import('@berth/host');
        const add = await addOptions(serverArgs, flags);
        const secrets = await readSecrets(add.secrets);
        // A running berth serve loads it now (over its control socket); otherwise it runs from the next start.
        if ((await installFromPackage(globals(), { name, source: parseSource(sourceText), kind: 'mcp', add }, flags, secrets)) !== undefined) await tellServer(globals(), name);
      } catch (error) {
        reportFailure(error);
      }
    });

  mcp
    .command('list')
    .description('the MCP servers added with berth mcp add: version, source, integrity')
    .option('--json', 'print stable JSON')
    .action(async (options: { json?: boolean }) => {
      try {
        const { installIdentity } = await import('@berth/host');
        const { installer } = await installerFor(globals(), undefined);
        const entries = Object.values(installer.lock().plugins).filter((e) => e.kind === 'mcp');
        const rows = entries.map((e) => ({ name: e.name, version: e.version, source: e.source.spec, integrity: e.integrity, identity: installIdentity(e), grants: e.grants, previousVersion: e.previous?.version }));
        if (options.json === true) return printJson(rows);
        printTable(['NAME', 'VERSION', 'SOURCE', 'INTEGRITY'], rows.map((r) => [r.name, r.version, r.source, `${r.integrity.slice(0, 20)}…`]));
      } catch (error) {
        reportFailure(error);
      }
    });

  mcp
    .command('remove')
    .description('remove an added MCP server: its installed files, lock entry, grants and secrets (its data folder is kept)')
    .argument('<name>', 'plugin name')
    .action(async (name: string) => {
      try {
        const { store, installer } = await installerFor(globals(), undefined);
        const entry = await installer.remove(name);
        for (const secret of entry.add?.secrets ?? []) await store.unsetSetting(name, secret);
        await store.update((config) => {
          const plugins = { ...config.plugins };
          delete plugins[name];
          return { ...config, plugins };
        });
        process.stdout.write(`removed ${name} ${entry.version}; its data folder stays at ${store.pluginDataDir(name)}\n`);
        await tellServer(globals(), name);
      } catch (error) {
        reportFailure(error);
      }
    });
}
