/** The limits a sandbox runs under (after the caps of the settings were applied). */
export interface SandboxLimits {
  /** CPUs (fractions allowed). */
  readonly cpus: number;
  /** Memory in MiB. */
  readonly memory_mb: number;
  /** The most processes at once. */
  readonly pids: number;
  /** `none` (loopback only) or `open`. */
  readonly network: 'none' | 'open';
  /** Lifetime in seconds, from creation (or from the last extend). */
  readonly lifetime_seconds: number;
  /** Destroyed after this many seconds without a call. */
  readonly idle_timeout_seconds: number;
}

/** A host folder mounted as the workspace. */
export interface WorkspaceMount {
  /** The host folder (inside an allowed root). */
  readonly source: string;
  /** Mounted read-only or read-write. */
  readonly mode: 'ro' | 'rw';
}

/** Everything a backend needs to make a sandbox. */
export interface SandboxSpec {
  /** The sandbox's id. */
  readonly id: string;
  /** The image (Docker) or `host` (bubblewrap). */
  readonly image: string;
  /** Limits. */
  readonly limits: SandboxLimits;
  /** The workspace: a host folder, or a fresh empty one when absent. */
  readonly workspace?: WorkspaceMount;
  /** Environment of every command. */
  readonly env: Readonly<Record<string, string>>;
  /** The user commands run as (`uid:gid`). */
  readonly user: string;
  /** All labels (managed ones included). */
  readonly labels: Readonly<Record<string, string>>;
}

/** Where a sandbox's workspace is, inside it. */
export const WORKSPACE = '/workspace';

/** A command to run. */
export interface ExecRequest {
  /** The argument list (a shell string is turned into `['sh', '-c', string]` before). */
  readonly argv: readonly string[];
  /** Working directory inside the sandbox (default the workspace). */
  readonly cwd: string;
  /** Extra environment. */
  readonly env: Readonly<Record<string, string>>;
  /** The user (`uid[:gid]`). */
  readonly user: string;
  /** Time limit in milliseconds. */
  readonly timeoutMs: number;
  /** Bytes fed to stdin (then closed). */
  readonly stdin?: Buffer;
  /** The most bytes kept of stdout and of stderr, each. */
  readonly outputCap: number;
  /** Cancels the command (killed like at its time limit, but reported as cancelled). */
  readonly signal?: AbortSignal;
}

/** How a command ended. */
export interface ExecOutcome {
  /** The exit code (128 + signal when killed by a signal). */
  readonly exitCode: number;
  /** Standard output (capped). */
  readonly stdout: Buffer;
  /** Standard error (capped). */
  readonly stderr: Buffer;
  /** True when stdout or stderr was cut at the cap. */
  readonly truncated: boolean;
  /** True when the time limit killed it. */
  readonly timedOut: boolean;
  /** True when the memory limit killed it. */
  readonly outOfMemory: boolean;
  /** True when the caller cancelled it. */
  readonly cancelled?: boolean;
}

/** One entry of a folder listing, or a stat. */
export interface FileEntry {
  /** The path inside the sandbox. */
  readonly path: string;
  /** The base name. */
  readonly name: string;
  /** `file`, `directory`, `symlink` or `other`. */
  readonly type: 'file' | 'directory' | 'symlink' | 'other';
  /** Size in bytes. */
  readonly size: number;
  /** Permission bits, octal (e.g. `644`). */
  readonly mode: string;
  /** Last modification, ISO 8601. */
  readonly modified: string;
}

/** A sandbox a previous run left behind, as its backend finds it. */
export interface FoundSandbox {
  /** The sandbox id (`berth.sandbox`). */
  readonly id: string;
  /** Its labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** The image. */
  readonly image: string;
  /** True when it still runs (Docker) or its folder is intact (bubblewrap). */
  readonly running: boolean;
}
