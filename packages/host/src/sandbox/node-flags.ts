import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FilesystemScopes } from '../permissions/match.js';
import type { SandboxCode } from './paths.js';

/** What the child's Node process is allowed, from the plugin's grants. */
export interface NodePolicy {
  /** Files and folders readable and writable. */
  readonly fs: FilesystemScopes;
  /** `process.spawn` granted. */
  readonly spawn: boolean;
  /** `process.spawn` granted for some programs only (the spawn guard is preloaded). */
  readonly spawnScoped?: boolean;
  /** `worker.threads` granted. */
  readonly workers: boolean;
  /** `native.addons` granted. */
  readonly addons: boolean;
  /** The whole network granted (else the network guard is preloaded: it denies all, or all but the granted hosts). */
  readonly network: boolean;
  /** Heap cap in MiB (`--max-old-space-size`). */
  readonly heapMb: number;
}

/** The spawn guard preload, beside the signals guard in the built child folder. */
function spawnGuardOf(code: SandboxCode): string {
  return path.join(path.dirname(code.guard), 'spawn-guard.js');
}

/** The permission flag of the running Node: `--permission` (Node ≥ 22.13) or `--experimental-permission` (Node 20). */
export function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

/**
 * The Node flags of a sandboxed plugin: the permission model with one `--allow-fs-read` per path (a
 * comma-separated list grants nothing on Node 20), the entry's own files allowed, child processes, workers and
 * addons only when granted, a heap cap and the guard preloads.
 */
export function nodeFlags(policy: NodePolicy, code: SandboxCode): string[] {
  const reads = new Set([...code.readable, ...code.links.map((l) => l.path), ...policy.fs.read]);
  // Node warns that --allow-child-process weakens its permission model: Berth grants it only with process.spawn, on purpose.
  const flags = [permissionFlag(), '--disable-warning=ExperimentalWarning', '--disable-warning=SecurityWarning'];
  for (const p of reads) flags.push(`--allow-fs-read=${p}`);
  for (const p of policy.fs.write) flags.push(`--allow-fs-write=${p}`);
  if (policy.spawn) flags.push('--allow-child-process');
  if (policy.workers) flags.push('--allow-worker');
  if (policy.addons) flags.push('--allow-addons');
  // WebAssembly (undici's HTTP parser behind fetch) reserves ~10 GB of address space per instance for its trap
  // handler's guard regions, which the address-space cap (prlimit --as) refuses: use explicit bounds checks instead.
  if (process.allowedNodeEnvironmentFlags.has('--disable-wasm-trap-handler')) flags.push('--disable-wasm-trap-handler');
  flags.push(`--max-old-space-size=${policy.heapMb}`, `--import=${pathToFileURL(code.guard).href}`);
  if (!policy.network) flags.push(`--import=${pathToFileURL(code.networkGuard).href}`);
  if (policy.spawn && policy.spawnScoped === true) flags.push(`--import=${pathToFileURL(spawnGuardOf(code)).href}`);
  flags.push(code.childEntry);
  return flags;
}
