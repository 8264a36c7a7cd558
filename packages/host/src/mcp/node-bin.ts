import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import semver from 'semver';

/** A Node program found for a `server.command`: run as `node <script> <args…>`, so the sandbox can confine it. */
export interface NodeBin {
  /** The bin's JavaScript file (real path). */
  readonly script: string;
  /** The arguments after it. */
  readonly args: readonly string[];
}

/** Why a `server.command` was not turned into a Node program. */
export type NodeBinMiss =
  /** `npx <package>` (or a bin name) naming something not installed in the plugin folder. */
  | { readonly kind: 'not-installed'; readonly what: string }
  /** Anything else: a native program, a shell script, a package runner other than npx. */
  | { readonly kind: 'native' };

/** npx's own options that take no value (everything else before the package is refused as unknown). */
const NPX_FLAGS = new Set(['-y', '--yes', '--no', '-q', '--quiet', '--no-install', '--prefer-offline', '--offline', '-s', '--silent']);

interface PackageJson {
  readonly name?: string;
  readonly version?: string;
  readonly bin?: string | Readonly<Record<string, string>>;
}

/** True when a file is a Node script: a `.js`/`.mjs`/`.cjs` file, or one whose `#!` line runs node. */
export function isNodeScript(file: string): boolean {
  if (/\.(m|c)?js$/.test(file)) return true;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(128);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    const line = head.subarray(0, n).toString('utf8').split('\n')[0] ?? '';
    return /^#!\s*(\S*\/)?(env\s+(-S\s+)?)?node(\s|$)/.test(line);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Splits `name@range` (`@scope/name@range`) into the package name and the range, if any. */
function splitSpec(spec: string): { name: string; range?: string } {
  const at = spec.indexOf('@', 1);
  return at === -1 ? { name: spec } : { name: spec.slice(0, at), range: spec.slice(at + 1) };
}

/** The folder of package `name` as Node would resolve it from `dir` (its own `node_modules`, then its parents'). */
function packageDir(dir: string, name: string): string | undefined {
  const require = createRequire(path.join(dir, 'package.json'));
  for (const base of require.resolve.paths(name) ?? []) {
    const candidate = path.join(base, name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  return undefined;
}

/** The bin file npx runs for a package: its only bin, or the one named like the package (without its scope). */
function binOf(dir: string, manifest: PackageJson, wanted?: string): string | undefined {
  const bin = manifest.bin;
  if (bin === undefined || manifest.name === undefined) return undefined;
  if (typeof bin === 'string') return path.resolve(dir, bin);
  const entries = Object.entries(bin);
  const plain = manifest.name.replace(/^@[^/]+\//, '');
  const chosen = wanted !== undefined ? bin[wanted] : entries.length === 1 ? entries[0]?.[1] : bin[plain];
  return chosen === undefined ? undefined : path.resolve(dir, chosen);
}

/** `npx [flags] <package>[@range] [args…]` → the installed package's bin, run by node. */
function resolveNpx(args: readonly string[], dir: string): NodeBin | NodeBinMiss {
  let i = 0;
  let pkg: string | undefined;
  for (; i < args.length; i++) {
    const arg = args[i] as string;
    if (NPX_FLAGS.has(arg)) continue;
    if (arg === '-p' || arg === '--package') {
      pkg = args[++i];
      continue;
    }
    if (arg.startsWith('--package=')) {
      pkg = arg.slice('--package='.length);
      continue;
    }
    if (arg === '--') {
      i++;
    }
    break;
  }
  const first = args[i];
  if (first === undefined || first.startsWith('-')) return { kind: 'native' };
  const spec = splitSpec(pkg ?? first);
  const found = packageDir(dir, spec.name);
  if (found === undefined) return { kind: 'not-installed', what: pkg ?? first };
  const manifest = JSON.parse(fs.readFileSync(path.join(found, 'package.json'), 'utf8')) as PackageJson;
  if (spec.range !== undefined && semver.validRange(spec.range) !== null && !semver.satisfies(manifest.version ?? '0.0.0', spec.range)) {
    return { kind: 'not-installed', what: pkg ?? first };
  }
  const script = binOf(found, manifest, pkg !== undefined ? first : undefined);
  if (script === undefined || !fs.existsSync(script) || !isNodeScript(script)) return { kind: 'native' };
  return { script: fs.realpathSync(script), args: args.slice(i + 1) };
}

/** A bin name (`mcp-server-memory`) → `node_modules/.bin/<name>` of the plugin folder (or a parent), when it is Node. */
function resolveBinName(name: string, args: readonly string[], dir: string): NodeBin | NodeBinMiss {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const link = path.join(at, 'node_modules', '.bin', name);
    if (fs.existsSync(link)) {
      const script = fs.realpathSync(link);
      return isNodeScript(script) ? { script, args } : { kind: 'native' };
    }
    if (path.dirname(at) === at) return { kind: 'native' };
  }
}

/**
 * Turns a `server.command` into a Node program where it is one, so that it runs sandboxed like a plugin's `main`:
 * `npx <package> …` (the package installed in the plugin folder; Berth never lets npx download), a bin name found in
 * `node_modules/.bin`, a path to a Node script (`./node_modules/.bin/x`, `server.js`), or `node <script>`.
 * Anything else (a native program, a shell script, `uvx`, `docker`) is `native`: it cannot be confined by Node's
 * permission model.
 */
export function resolveNodeBin(command: string, args: readonly string[], dir: string): NodeBin | NodeBinMiss {
  const base = path.basename(command);
  if (base === 'npx') return resolveNpx(args, dir);
  if (base === 'node' || command === process.execPath) {
    const script = args[0];
    if (script === undefined || script.startsWith('-')) return { kind: 'native' };
    const file = path.resolve(dir, script);
    // A missing script still runs sandboxed: node's own "Cannot find module" then reaches the plugin's log.
    return { script: fs.existsSync(file) ? fs.realpathSync(file) : file, args: args.slice(1) };
  }
  if (!command.includes('/')) return resolveBinName(command, args, dir);
  const file = path.resolve(dir, command);
  return fs.existsSync(file) && isNodeScript(fs.realpathSync(file)) ? { script: fs.realpathSync(file), args } : { kind: 'native' };
}
