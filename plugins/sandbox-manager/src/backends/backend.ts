import type { ExecOutcome, ExecRequest, FileEntry, FoundSandbox, SandboxLimits, SandboxSpec } from '../sandbox.js';

/** The name of a backend. */
export type BackendKind = 'docker' | 'bwrap';

/**
 * One way to run sandboxes. Paths given to the file methods are absolute paths inside the sandbox, already checked
 * to lie within its workspace.
 */
export interface SandboxBackend {
  /** Which backend this is. */
  readonly kind: BackendKind;
  /** Makes and starts a sandbox; resolves once commands can run in it. */
  create(spec: SandboxSpec): Promise<void>;
  /** Runs a command to its end (or its time limit). */
  exec(id: string, request: ExecRequest): Promise<ExecOutcome>;
  /** Starts a command and returns at once; it is killed with the sandbox. */
  execBackground(id: string, request: ExecRequest): Promise<{ readonly handle: string }>;
  /** Writes a file (parents made as needed). */
  writeFile(id: string, path: string, data: Buffer, mode?: number): Promise<void>;
  /** Reads a file, at most `maxBytes`. */
  readFile(id: string, path: string, maxBytes: number): Promise<{ readonly data: Buffer; readonly truncated: boolean; readonly size: number }>;
  /** Describes one path. */
  stat(id: string, path: string): Promise<FileEntry>;
  /** Lists a folder (one level). */
  list(id: string, path: string): Promise<FileEntry[]>;
  /** Makes a folder and its parents. */
  mkdir(id: string, path: string): Promise<void>;
  /** Removes a file or folder (recursively). */
  remove(id: string, path: string): Promise<void>;
  /** Unpacks a tar archive into a folder. */
  putArchive(id: string, path: string, tar: Buffer): Promise<void>;
  /** Packs a folder as a tar archive. */
  getArchive(id: string, path: string): Promise<Buffer>;
  /** Destroys a sandbox and its workspace (not a host folder mounted as the workspace). Ignores one already gone. */
  destroy(id: string): Promise<void>;
  /** The labelled sandboxes this backend holds (this run's and those a previous run left). */
  findAll(): Promise<FoundSandbox[]>;
  /** Finishes background work (e.g. deleting removed sandboxes' folders); called when the plugin stops. */
  close?(): Promise<void>;
  /** The engine a sandbox lives on, when the backend spans several (Docker with `docker_engines`). */
  engineOf?(id: string): string | undefined;
  /** The limits a found sandbox runs under, when they can be read back. */
  limitsOf?(id: string): Promise<Partial<SandboxLimits>>;
}
