/** A denial seen inside the child (best effort: the plugin's own code runs here too). */
export interface ChildDenial {
  /** The Berth permission it maps to, e.g. `network`. */
  readonly permission: string;
  /** What was reached. */
  readonly target: string;
}

type Reporter = (denial: ChildDenial) => void;

import { writeReport } from './stderr-report.js';

/** Until the child entry points it at the channel (an `mcp` server has none), denials go to stderr as reports. */
let reporter: Reporter = (denial) => writeReport({ event: 'denied', ...denial });

/** Sets where denials go (the child entry points it at the channel). */
export function setDenialReporter(next: Reporter): void {
  reporter = next;
}

/** Reports a denial. Never throws. */
export function reportDenial(denial: ChildDenial): void {
  try {
    reporter(denial);
  } catch {
    // reporting is best effort
  }
}

const NODE_PERMISSION_NAMES: Readonly<Record<string, string>> = {
  FileSystemRead: 'filesystem.read',
  FileSystemWrite: 'filesystem.write',
  ChildProcess: 'process.spawn',
  WorkerThreads: 'worker.threads',
  Network: 'network',
  Signal: 'signal',
  Inspector: 'inspector',
  WASI: 'wasi',
};

/** The denial an error describes, when it is Node's `ERR_ACCESS_DENIED` or a native-addon refusal. */
export function denialOf(error: unknown): ChildDenial | undefined {
  const e = error as { code?: unknown; permission?: unknown; resource?: unknown; message?: unknown } | null;
  if (e === null || typeof e !== 'object') return undefined;
  if (e.code === 'ERR_DLOPEN_DISABLED') return { permission: 'native.addons', target: String(e.message ?? '') };
  if (e.code === 'ERR_MEMORY_ALLOCATION_FAILED' || (error instanceof RangeError && /allocation failed/i.test(String(e.message)))) {
    return { permission: 'memory', target: 'address-space limit' };
  }
  if (e.code !== 'ERR_ACCESS_DENIED') return undefined;
  const message = String(e.message ?? '');
  const named = NODE_PERMISSION_NAMES[String(e.permission)] ?? (typeof e.permission === 'string' && e.permission !== '' ? e.permission : undefined);
  // Some denials carry no permission name (fs.symlink, process.binding): name them from the message.
  const permission = named ?? (/^fs\.\w+ API/.test(message) ? 'filesystem.write' : 'restricted-api');
  const target = typeof e.resource === 'string' && e.resource !== '' ? e.resource : message;
  return { permission: permission.slice(0, 256), target: target.slice(0, 4096) };
}
