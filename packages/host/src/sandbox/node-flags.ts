import { pathToFileURL } from 'node:url';
import type { FilesystemScopes } from '../permissions/match.js';
import { isWithin } from '../permissions/scope-vars.js';
import type { SandboxCode } from './paths.js';

/** What the child's Node process is allowed, from the plugin's grants. */
export interface NodePolicy {
  /** Files and folders readable and writable. */
  readonly fs: FilesystemScopes;
  /** `process.spawn` granted. */
  readonly spawn: boolean;
  /** `worker.threads` granted. */
  readonly workers: boolean;
  /** `native.addons` granted. */
  readonly addons: boolean;
  /** The whole network granted (else the network guard is preloaded: it denies all, or all but the granted hosts). */
  readonly network: boolean;
  /** Heap cap in MiB (`--max-old-space-size`). */
  readonly heapMb: number;
  /**
   * The entry is Berth's own child entry (a `tool`/`provider` plugin), whose start-up {@link IDLE_SIZE_FLAG} is
   * tuned for. An `mcp` plugin's server is someone else's program: it keeps V8's default tiering.
   */
  readonly berthEntry: boolean;
}

/**
 * Keeps a plugin process at rest as small as a bare `node`. Measured (`bench/sandbox.bench.js`, /proc RSS): a
 * sandboxed plugin sat 4-5 MB above a bare node because, while the child entry and the plugin load, the ESM
 * loader's package-scope lookups (a `fileURLToPath` per parent folder per module) make `getPathFromURLPosix` hot,
 * and V8's first optimizing (TurboFan) compilation keeps that much resident for good. Twice the default
 * interrupt budget (67,584) lets start-up finish in the interpreter and baseline tiers; code a plugin runs hot is
 * still optimized, a little later. With it: 47.5 MB → 43.4 MB against 42.2 MB for bare `node`.
 * Only for Berth's own child entry: on a published MCP server (server-everything through `berth serve --stdio`) it
 * held the server's own warm-up back — its CPU per call still ~300 µs after 1,500 calls against ~150 µs without it
 * (`bench/mcp-plugin.bench.js` measures such calls in their first few hundred).
 * Once the plugin has started, its child entry lowers the budget for the calls to come (`tierUpForServing`); an
 * `mcp` plugin's server does once it has answered its first request (the `servingTier` preload).
 */
export const IDLE_SIZE_FLAG = '--interrupt-budget=135168';

/** The permission flag of the running Node: `--permission` (Node ≥ 22.13) or `--experimental-permission` (Node 20). */
export function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

/**
 * The paths without those lying inside another one of them. Measured on Node 20.20: with both `--allow-fs-read=/a`
 * and `--allow-fs-read=/a/b/c`, `fs.statSync('/a')` is refused (ERR_ACCESS_DENIED), so a granted folder holding
 * the plugin's own data folder (a grant of the home folder) was unreadable; the outer path covers the inner anyway.
 */
export function outermost(paths: readonly string[]): string[] {
  const unique = [...new Set(paths)];
  return unique.filter((p) => !unique.some((other) => other !== p && isWithin(other, p)));
}

/**
 * The Node flags of a sandboxed plugin: the permission model with one `--allow-fs-read` per path (a
 * comma-separated list grants nothing on Node 20), the entry's own files allowed, child processes, workers and
 * addons only when granted, a heap cap and the guard preloads (and, for an `mcp` plugin's server, the serving-tier one).
 */
export function nodeFlags(policy: NodePolicy, code: SandboxCode): string[] {
  const reads = outermost([...code.readable, ...code.links.map((l) => l.path), ...policy.fs.read]);
  // Node warns that --allow-child-process weakens its permission model: Berth grants it only with process.spawn, on purpose.
  const flags = [permissionFlag(), '--disable-warning=ExperimentalWarning', '--disable-warning=SecurityWarning'];
  for (const p of reads) flags.push(`--allow-fs-read=${p}`);
  for (const p of outermost(policy.fs.write)) flags.push(`--allow-fs-write=${p}`);
  if (policy.spawn) flags.push('--allow-child-process');
  if (policy.workers) flags.push('--allow-worker');
  if (policy.addons) flags.push('--allow-addons');
  // WebAssembly (undici's HTTP parser behind fetch) reserves ~10 GB of address space per instance for its trap
  // handler's guard regions, which the address-space cap (prlimit --as) refuses: use explicit bounds checks instead.
  if (process.allowedNodeEnvironmentFlags.has('--disable-wasm-trap-handler')) flags.push('--disable-wasm-trap-handler');
  if (policy.berthEntry) flags.push(IDLE_SIZE_FLAG);
  flags.push(`--max-old-space-size=${policy.heapMb}`, `--import=${pathToFileURL(code.guard).href}`);
  if (!policy.network) flags.push(`--import=${pathToFileURL(code.networkGuard).href}`);
  if (!policy.berthEntry) flags.push(`--import=${pathToFileURL(code.servingTier).href}`);
  flags.push(code.childEntry);
  return flags;
}
