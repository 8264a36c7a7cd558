/**
 * Part of the always-on guard: the programs a sandboxed plugin starts. It keeps the pids of the plugin's own
 * children (the signal guard lets the plugin signal them and their process groups — a browser driver kills its
 * browser that way), enforces a `process.spawn` grant scoped to programs (`BERTH_ALLOWED_PROGRAMS`, absolute
 * paths), and reports a child that ends with an error or a signal, with the last lines of its stderr, so that a
 * browser dying at start is visible in the plugin's log and the audit log rather than only as "Target closed".
 *
 * A seat belt like the network guard: it covers every child made through `node:child_process` (async spawns go
 * through `ChildProcess.prototype.spawn`; the sync functions are wrapped one by one). bubblewrap still decides
 * what exists for a child to see.
 */
import childProcess, { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { reportDenial } from './denials.js';
import { accessDenied, lock } from './lock.js';
import { apply, isArray, setHas } from './primordials.js';
import { writeReport } from './stderr-report.js';

const children = new Set<number>();
const setAdd = Set.prototype.add;
const setDelete = Set.prototype.delete;

const signalled = new Set<number>();
const exited = new Set<number>();

/**
 * True for a child this plugin started that has ended: signalling it again is answered as the system answers for
 * a process that is gone (ESRCH), never delivered (its pid may belong to someone else by now).
 */
export function isEndedChild(pid: number): boolean {
  return setHas(exited, pid < 0 ? -pid : pid);
}

/**
 * True when `pid` (or, negative, the process group `-pid`) is a live child this plugin started; the signal guard
 * asks before letting a signal through, and such a child's end is then the plugin's own doing, not a crash.
 */
export function isOwnChild(pid: number): boolean {
  const own = setHas(children, pid) || (pid < 0 && setHas(children, -pid));
  if (own) apply(setAdd, signalled, [pid < 0 ? -pid : pid]);
  return own;
}

function parsePrograms(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.startsWith('/')) : [];
  } catch {
    return [];
  }
}

/** The programs a scoped `process.spawn` grant allows (their real paths too), or undefined when unscoped. */
const allowed = ((): Set<string> | undefined => {
  const list = parsePrograms(process.env['BERTH_ALLOWED_PROGRAMS']);
  if (list === undefined) return undefined;
  const set = new Set<string>();
  for (const p of list) {
    set.add(p);
    try {
      set.add(fs.realpathSync(p));
    } catch {
      // a program that does not exist here allows nothing more
    }
  }
  return set;
})();
const HOST_PATH = process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin';
const existsSync = fs.existsSync;
const realpathSync = fs.realpathSync;
const cwdOf = process.cwd.bind(process);
const splitText = String.prototype.split;
const indexOfText = String.prototype.indexOf;

/**
 * Where the system will look for the program: the child's own cwd and the PATH of the child's own environment
 * (libuv's execvp searches the PATH it is given, relative to the cwd it is given), not the plugin's.
 */
interface Lookup {
  readonly cwd: string;
  readonly path: string;
}

/** The lookup of a spawn: `cwd` and `env` as the caller gave them (async: `envPairs`, `NAME=value` strings). */
function lookupOf(cwd: unknown, env: unknown, envPairs?: unknown): Lookup {
  let dir = cwdOf();
  if (typeof cwd === 'string' && cwd !== '') dir = path.resolve(dir, cwd);
  else if (cwd instanceof URL && cwd.protocol === 'file:') dir = path.resolve(dir, decodeURIComponent(cwd.pathname));
  let searched = HOST_PATH;
  if (isArray(envPairs)) {
    searched = '';
    for (const pair of envPairs as unknown[]) if (typeof pair === 'string' && apply(indexOfText, pair, ['PATH=']) === 0) searched = pair.slice(5);
  } else if (env !== null && typeof env === 'object') {
    const value = (env as Record<string, unknown>)['PATH'];
    searched = typeof value === 'string' ? value : '';
  }
  return { cwd: dir, path: searched };
}

/** The absolute program a spawn names (a bare name looked up on the child's PATH, as the system would). */
function programOf(file: unknown, lookup: Lookup): string {
  const name = String(file);
  if (name.includes('/')) return path.resolve(lookup.cwd, name);
  for (const dir of apply(splitText, lookup.path === '' ? '/usr/local/bin:/usr/bin:/bin' : lookup.path, [':']) as string[]) {
    const candidate = path.resolve(lookup.cwd, dir, name);
    try {
      if (existsSync(candidate)) return candidate;
    } catch {
      // unreadable: keep looking
    }
  }
  return name;
}

/**
 * Throws ERR_ACCESS_DENIED unless the scoped grant names the program (by its path or its real path); returns the
 * absolute path that was checked, for the caller to start *that* file (unscoped: `file` unchanged).
 */
function checkProgram(file: unknown, lookup: Lookup): unknown {
  if (allowed === undefined) return file;
  const program = programOf(file, lookup);
  let real = program;
  try {
    real = realpathSync(program);
  } catch {
    // not there: checked by its name
  }
  if (setHas(allowed, program)) return program;
  // Allowed through a link: start the checked target, so the link cannot be re-pointed between check and exec.
  if (setHas(allowed, real)) return real;
  throw accessDenied('process.spawn', program, `process.spawn denied: '${program}' is not among the programs the plugin's 'process.spawn' grant names`);
}

/** Keeps the last `max` lines a stream wrote. */
function tail(stream: NodeJS.ReadableStream | null | undefined, max: number): () => string[] {
  const lines: string[] = [];
  let partial = '';
  stream?.on('data', (chunk: Buffer | string) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line.slice(0, 1000));
      if (lines.length > max) lines.shift();
    }
  });
  return () => (partial === '' ? [...lines] : [...lines, partial.slice(0, 1000)]);
}

type SpawnOptions = { file?: unknown; cwd?: unknown; envPairs?: unknown };
type SpawnMethod = (this: ChildProcess, options: SpawnOptions) => unknown;
const originalSpawn = (ChildProcess.prototype as unknown as { spawn: SpawnMethod }).spawn;
lock(ChildProcess.prototype, 'spawn', function spawn(this: ChildProcess, options: SpawnOptions) {
  const lookup = lookupOf(options?.cwd, undefined, options?.envPairs);
  const checked = checkProgram(options?.file, lookup);
  // The system starts the very file that was checked (absolute: no PATH search, no cwd), argv[0] unchanged.
  if (allowed !== undefined && options !== null && typeof options === 'object') options.file = checked;
  const program = programOf(options?.file, lookup);
  const result = apply(originalSpawn, this, [options]) as unknown;
  const pid = this.pid;
  if (typeof pid === 'number') apply(setAdd, children, [pid]);
  const stderr = tail(this.stderr, 20);
  this.once('exit', (code: number | null, signal: string | null) => {
    // Ended by a signal after the plugin signalled it: a normal stop. An exit code means it ended on its own.
    const stopped = typeof pid === 'number' && setHas(signalled, pid) && code === null;
    if (typeof pid === 'number') {
      apply(setDelete, children, [pid]);
      apply(setDelete, signalled, [pid]);
      if (exited.size > 1000) exited.clear();
      apply(setAdd, exited, [pid]);
    }
    if (code !== 0) writeReport({ event: 'child-exit', program, ...(typeof pid === 'number' ? { pid } : {}), code, signal, stoppedByPlugin: stopped, stderr: stderr() });
  });
  return result;
});

/**
 * The program a sync call really starts: with `shell` (true, or a shell's path) that is the shell, whatever `file`
 * says — `spawnSync('/bin/true', ['; id'], { shell: true })` runs `/bin/sh -c "/bin/true ; id"`. The sync calls
 * never reach `ChildProcess.prototype.spawn`, where the async ones arrive with the shell already in `file`.
 * Returns the arguments to call with: the checked program put in place of the name (absolute, argv[0] kept).
 */
function checkSync(name: string, args: unknown[]): unknown[] {
  let options: Record<string, unknown> | undefined;
  let at = -1;
  for (let i = 1; i < args.length && i < 3; i++) {
    const value = args[i];
    if (value !== null && typeof value === 'object' && !isArray(value)) {
      options = value as Record<string, unknown>;
      at = i;
    }
  }
  const lookup = lookupOf(options?.['cwd'], options?.['env'] ?? process.env);
  const shell = options?.['shell'];
  if (typeof shell === 'string') {
    const checked = checkProgram(shell, lookup);
    if (allowed === undefined) return args;
    const copy = [...args];
    copy[at] = { ...options, shell: checked };
    return copy;
  }
  if (shell === true || name === 'execSync') {
    checkProgram('/bin/sh', lookup);
    return args;
  }
  const checked = checkProgram(args[0], lookup);
  if (allowed === undefined) return args;
  const copy = [...args];
  copy[0] = checked;
  const argv0 = typeof options?.['argv0'] === 'string' ? options['argv0'] : String(args[0]);
  if (at > 0) copy[at] = { ...options, argv0 };
  else if (isArray(args[1])) copy.splice(2, 0, { argv0 });
  else copy.splice(1, 0, [], { argv0 });
  return copy;
}

for (const name of ['spawnSync', 'execFileSync', 'execSync'] as const) {
  const original = childProcess[name] as (...args: unknown[]) => unknown;
  lock(childProcess, name, function (this: unknown, ...args: unknown[]): unknown {
    return apply(original, this, checkSync(name, args));
  });
}
