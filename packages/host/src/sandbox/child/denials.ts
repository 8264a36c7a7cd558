/** A denial seen inside the child (best effort: the plugin's own code runs here too). */
export interface ChildDenial {
  /** The Berth permission it maps to, e.g. `network`. */
  readonly permission: string;
  /** What was reached. */
  readonly target: string;
}

type Reporter = (denial: ChildDenial) => void;

let reporter: Reporter = () => undefined;

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
};

/** The denial an error describes, when it is Node's `ERR_ACCESS_DENIED` or a native-addon refusal. */
export function denialOf(error: unknown): ChildDenial | undefined {
  const e = error as { code?: unknown; permission?: unknown; resource?: unknown; message?: unknown } | null;
  if (e === null || typeof e !== 'object') return undefined;
  if (e.code === 'ERR_DLOPEN_DISABLED') return { permission: 'native.addons', target: String(e.message ?? '') };
  if (e.code !== 'ERR_ACCESS_DENIED') return undefined;
  const permission = NODE_PERMISSION_NAMES[String(e.permission)] ?? String(e.permission ?? 'unknown');
  return { permission, target: typeof e.resource === 'string' ? e.resource : '' };
}
