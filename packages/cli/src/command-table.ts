import type { Command } from 'commander';
import type { GlobalOptions } from './context.js';

/** Adds one family of commands to the program. */
export type Registrar = (program: Command, globals: () => GlobalOptions) => unknown;

/**
 * Commands registered together, and the other families they use: `dev` runs `serve`'s action, `completion` reads
 * the whole program (`'all'`).
 */
interface Family {
  readonly names: readonly string[];
  readonly load: () => Promise<Registrar>;
  readonly needs?: readonly string[] | 'all';
}

/**
 * Every command family, in the order `berth --help` lists them, each loaded on demand: `berth plugins list` loads
 * the `plugins` family only, not the other commands' modules (and what they import).
 */
const families: readonly Family[] = [
  { names: ['serve'], load: async () => (await import('./commands/serve.js')).registerServe },
  { names: ['dev'], load: async () => (await import('./commands/dev.js')).registerDev, needs: ['serve'] },
  { names: ['plugins'], load: async () => (await import('./commands/plugins.js')).registerPlugins },
  { names: ['tools'], load: async () => (await import('./commands/tools.js')).registerTools },
  { names: ['config'], load: async () => (await import('./commands/config.js')).registerConfig },
  { names: ['permissions'], load: async () => (await import('./commands/permissions.js')).registerPermissions },
  { names: ['audit'], load: async () => (await import('./commands/audit.js')).registerAudit },
  { names: ['doctor'], load: async () => (await import('./commands/doctor.js')).registerDoctor },
  { names: ['models'], load: async () => (await import('./commands/models.js')).registerModels },
  { names: ['providers'], load: async () => (await import('./commands/providers.js')).registerProviders },
  { names: ['validate'], load: async () => (await import('./commands/validate.js')).registerValidate },
  { names: ['schema'], load: async () => (await import('./commands/schema.js')).registerSchema },
  { names: ['new', 'types', 'pack'], load: async () => (await import('./commands/author-kit.js')).registerAuthorKit },
  { names: ['mcp'], load: async () => (await import('./commands/mcp.js')).registerMcp },
  { names: ['logs'], load: async () => (await import('./commands/logs.js')).registerLogs },
  { names: ['completion'], load: async () => (await import('./commands/completion.js')).registerCompletion, needs: 'all' },
];

/** The root options that take a value (their value is not the command's name). */
const VALUED = new Set(['--config', '--plugins-dir', '--log-level']);

/** The command named on the command line (the first word that is neither an option nor a root option's value). */
export function commandName(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (VALUED.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/**
 * Registers the family of the command in `args` (after `node berth`) and the families it needs, or every family when none is named or the
 * name is unknown — so `--help`, `help <command>`, `completion` and commander's "did you mean" see them all.
 */
export async function registerCommands(program: Command, globals: () => GlobalOptions, args: readonly string[]): Promise<void> {
  const name = commandName(args);
  const named = families.find((f) => name !== undefined && f.names.includes(name));
  const needs = named?.needs;
  const wanted = named === undefined || needs === 'all' ? families : families.filter((f) => f === named || f.names.some((n) => needs?.includes(n) === true));
  for (const family of wanted) (await family.load())(program, globals);
}
