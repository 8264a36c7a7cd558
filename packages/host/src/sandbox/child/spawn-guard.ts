/**
 * Preloaded (`--import`) into a sandboxed plugin whose `process.spawn` grant is scoped to some programs
 * (`BERTH_ALLOWED_PROGRAMS`, absolute paths): every way of starting a process from JavaScript checks the program
 * first and throws `ERR_ACCESS_DENIED` for any other — a shell (`exec`, `shell: true`) is another program, so it is
 * refused unless listed. The started program runs inside the plugin's own sandbox (bubblewrap, where usable). A
 * seat belt at the JavaScript level, like the network guard: Node's permission model only knows all-or-nothing.
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { accessDenied, lock } from './lock.js';
import { setHas } from './primordials.js';

function parsePrograms(text: string | undefined): string[] {
  try {
    const value = JSON.parse(text ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.startsWith('/')).map((v) => path.resolve(v)) : [];
  } catch {
    return [];
  }
}

const allowed = new Set<string>(parsePrograms(process.env['BERTH_ALLOWED_PROGRAMS']));
delete process.env['BERTH_ALLOWED_PROGRAMS'];

const SHELL = '/bin/sh';

/** The program a call starts: the file itself, or the shell when `shell` is set. */
function programOf(file: unknown, options: unknown): string {
  const shell = (options as { shell?: unknown } | null | undefined)?.shell;
  if (shell === true) return SHELL;
  if (typeof shell === 'string') return shell;
  return typeof file === 'string' ? file : String(file);
}

function check(api: string, program: string): void {
  const resolved = program.startsWith('/') ? path.resolve(program) : program;
  if (setHas(allowed, resolved)) return;
  throw accessDenied('process.spawn', program, `starting ${program} denied (${api}): the plugin's process.spawn grant allows only ${[...allowed].join(', ') || 'no program'}`);
}

/** The options argument of spawn/execFile-style calls: the first object after the file (args may be omitted). */
function optionsOf(args: readonly unknown[]): unknown {
  for (let i = 1; i < args.length && i < 3; i++) {
    const value = args[i];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  }
  return undefined;
}

type Starter = (...args: unknown[]) => unknown;
const cp = childProcess as unknown as Record<string, Starter>;

for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync']) {
  const original = cp[name] as Starter;
  lock(childProcess, name, function guarded(this: unknown, ...args: unknown[]): unknown {
    check(name, programOf(args[0], optionsOf(args)));
    return original.apply(this, args);
  });
}
for (const name of ['exec', 'execSync']) {
  const original = cp[name] as Starter;
  lock(childProcess, name, function guarded(this: unknown, ...args: unknown[]): unknown {
    const shell = (args[1] as { shell?: unknown } | undefined)?.shell;
    check(name, typeof shell === 'string' ? shell : SHELL);
    return original.apply(this, args);
  });
}
const originalFork = cp['fork'] as Starter;
lock(childProcess, 'fork', function guarded(this: unknown, ...args: unknown[]): unknown {
  check('fork', (optionsOf(args) as { execPath?: string } | undefined)?.execPath ?? process.execPath);
  return originalFork.apply(this, args);
});
syncBuiltinESMExports();
