import type { ChildProcess } from 'node:child_process';
import { posix } from 'node:path';
import { SandboxBackendUnavailableError, SandboxFileError, SandboxNotFoundError } from '@berth/sdk';
import type { ExecOutcome, ExecRequest, FileEntry, FoundSandbox, SandboxLimits, SandboxSpec } from '../../sandbox.js';
import { PLUGIN_NAME } from '../../settings.js';
import type { SandboxBackend } from '../backend.js';
import { bwrapArgs } from './bwrap-args.js';
import { killTree, killUser, runToEnd, running, start } from './bwrap-process.js';
import type { Launch } from './bwrap-process.js';
import { BwrapStore } from './bwrap-store.js';
import type { BwrapSandbox } from './bwrap-store.js';
import { findHostTools } from './host-tools.js';
import type { HostTools } from './host-tools.js';

/** A time limit for the file operations this backend runs inside a sandbox. */
const FILE_OP_MS = 60_000;
/** The most bytes of an archive download. */
const ARCHIVE_CAP = 256 * 1024 * 1024;
/** `find -printf` of one entry: type, size, mode, mtime, name. */
const ENTRY_FORMAT = '%y\\t%s\\t%m\\t%T@\\t%f\\n';

/** One `find -printf` line as a {@link FileEntry}. */
function parseEntry(line: string, path: string): FileEntry {
  const [type = '', size = '0', mode = '0', mtime = '0', name = ''] = line.split('\t');
  const kind = type === 'd' ? 'directory' : type === 'f' ? 'file' : type === 'l' ? 'symlink' : 'other';
  return { path, name, type: kind, size: Number(size), mode, modified: new Date(Number(mtime) * 1000).toISOString() };
}

/**
 * Sandboxes as bubblewrap namespaces over the host's read-only runtime, for machines without Docker. A sandbox is
 * a folder (workspace, private `/tmp`, record); each command runs in fresh namespaces over it, limited by
 * `prlimit` (`--as`, `--nproc`, `--cpu`), killed when the plugin dies (bubblewrap's `--die-with-parent`), and, when
 * the plugin runs as root, as a host user of its own (so process limits count per sandbox and sandboxes cannot read each
 * other's files).
 */
export class BwrapBackend implements SandboxBackend {
  readonly kind = 'bwrap' as const;
  readonly store: BwrapStore;
  readonly tools: HostTools;
  readonly #records = new Map<string, BwrapSandbox>();
  readonly #background = new Map<string, Set<ChildProcess>>();

  /** @param root - the folder holding the sandboxes' folders (the plugin's data folder) */
  constructor(root: string) {
    const tools = findHostTools();
    if ('missing' in tools) {
      throw new SandboxBackendUnavailableError(PLUGIN_NAME, 'bwrap', `missing ${tools.missing.join(', ')}; install them, or use the Docker backend`);
    }
    this.tools = tools;
    this.store = new BwrapStore(root);
  }

  /**
   * Starts one empty sandbox (`true`) to prove bubblewrap works here; throws an error saying why not and what to do.
   * It fails, for one, inside Berth's own bubblewrap tier when the host runs as root: Linux (≥ 5.12) refuses to map
   * root into a nested user namespace without CAP_SETFCAP.
   */
  async probe(): Promise<void> {
    const spec: SandboxSpec = { id: 'probe', image: 'host', env: {}, user: '65534:65534', labels: {}, limits: { cpus: 1, memory_mb: 1024, pids: 64, network: 'none', lifetime_seconds: 60, idle_timeout_seconds: 60 } };
    const request: ExecRequest = { argv: ['true'], cwd: '/', env: {}, user: '65534:65534', timeoutMs: 10_000, outputCap: 4096 };
    const outcome = await runToEnd(this.#launch({ spec }, request, undefined, { tmp: '/', workspace: '/' })).catch((error: unknown) => ({ exitCode: -1, stderr: Buffer.from((error as Error).message) }));
    if (outcome.exitCode === 0) return;
    throw new SandboxBackendUnavailableError(
      PLUGIN_NAME,
      'bwrap',
      `bubblewrap cannot start a sandbox here (${outcome.stderr.toString('utf8').trim()}). If Berth runs as root and this plugin ` +
        `in Berth's own bubblewrap tier, mark it trusted (plugins.${PLUGIN_NAME}.trusted) or run Berth as a regular user; or use the Docker backend`,
    );
  }

  async create(spec: SandboxSpec): Promise<void> {
    // A host folder as workspace must stay reachable: its sandbox runs as the plugin's user (see docs: no process
    // limit as root, since RLIMIT_NPROC does not apply to root).
    this.#records.set(spec.id, await this.store.create(spec, this.tools.ownUsers && spec.workspace === undefined));
  }

  /** The record of a sandbox (loaded from disk for an adopted one). */
  async #record(id: string): Promise<BwrapSandbox> {
    const known = this.#records.get(id) ?? (await this.store.all()).find((r) => r.spec.id === id);
    if (known === undefined) throw new SandboxNotFoundError(PLUGIN_NAME, id, [...this.#records.keys()]);
    this.#records.set(id, known);
    return known;
  }

  /** The command line of one sandboxed command: `prlimit … bwrap … -- argv`, as the sandbox's host user if it has one. */
  #launch(record: BwrapSandbox, request: ExecRequest, infoFd?: number, folders?: { tmp: string; workspace: string }): Launch {
    const { spec } = record;
    const limits = [`--as=${spec.limits.memory_mb * 1024 * 1024}`, `--nproc=${spec.limits.pids}`, `--cpu=${Math.ceil(request.timeoutMs / 1000) + 1}`];
    const bwrap = bwrapArgs(
      {
        workspace: folders?.workspace ?? spec.workspace?.source ?? this.store.workspace(spec.id),
        workspaceReadOnly: folders !== undefined || spec.workspace?.mode === 'ro',
        tmp: folders?.tmp ?? this.store.tmp(spec.id),
        network: spec.limits.network === 'open',
        user: request.user,
        cwd: request.cwd,
        env: { ...spec.env, ...request.env },
        ...(infoFd !== undefined ? { infoFd } : {}),
      },
      request.argv,
    );
    return {
      command: this.tools.prlimit,
      args: [...limits, '--', this.tools.bwrap, ...bwrap],
      ...(record.hostUid !== undefined ? { hostUid: record.hostUid } : {}),
      ...(request.signal !== undefined ? { signal: request.signal } : {}),
      timeoutMs: request.timeoutMs,
      outputCap: request.outputCap,
      ...(request.stdin !== undefined ? { stdin: request.stdin } : {}),
    };
  }

  async exec(id: string, request: ExecRequest): Promise<ExecOutcome> {
    return runToEnd(this.#launch(await this.#record(id), request));
  }

  async execBackground(id: string, request: ExecRequest): Promise<{ handle: string }> {
    const child = start(this.#launch(await this.#record(id), request, 3), true);
    const set = this.#background.get(id) ?? new Set<ChildProcess>();
    set.add(child);
    this.#background.set(id, set);
    child.once('exit', () => set.delete(child));
    await running(child);
    child.unref();
    return { handle: String(child.pid ?? '') };
  }

  /** Runs a small file operation inside the sandbox, as its user; a failure becomes a file error. */
  async #op(id: string, action: string, path: string, script: string, stdin?: Buffer, cap = 16 * 1024 * 1024): Promise<Buffer> {
    const record = await this.#record(id);
    const request: ExecRequest = {
      argv: ['sh', '-c', script, 'sh', path],
      cwd: '/',
      env: {},
      user: record.spec.user,
      timeoutMs: FILE_OP_MS,
      outputCap: cap,
      ...(stdin !== undefined ? { stdin } : {}),
    };
    const outcome = await runToEnd(this.#launch(record, request));
    if (outcome.exitCode !== 0) {
      const reason = outcome.stderr.toString('utf8').trim().split('\n').pop() ?? `exit ${outcome.exitCode}`;
      throw new SandboxFileError(PLUGIN_NAME, id, action, path, reason.replace(/^(sh|find|cat|head|stat|tar|mkdir|rm): (line \d+: )?/, ''));
    }
    return outcome.stdout;
  }

  async writeFile(id: string, path: string, data: Buffer, mode?: number): Promise<void> {
    const chmod = mode !== undefined ? ` && chmod ${mode.toString(8)} -- "$1"` : '';
    await this.#op(id, 'write', path, `mkdir -p -- "$(dirname -- "$1")" && cat > "$1"${chmod}`, data);
  }

  async readFile(id: string, path: string, maxBytes: number): Promise<{ data: Buffer; truncated: boolean; size: number }> {
    const script = `if [ -d "$1" ]; then echo "it is a folder; use list_files or download_folder" >&2; exit 21; fi; stat -L -c %s -- "$1" && exec head -c ${maxBytes} -- "$1"`;
    const out = await this.#op(id, 'read', path, script, undefined, maxBytes + 64);
    const newline = out.indexOf(10);
    const size = Number(out.subarray(0, newline).toString('utf8'));
    const data = out.subarray(newline + 1);
    return { data, truncated: size > data.length, size };
  }

  async stat(id: string, path: string): Promise<FileEntry> {
    const out = await this.#op(id, 'stat', path, `find "$1" -maxdepth 0 -printf '${ENTRY_FORMAT}'`);
    return parseEntry(out.toString('utf8').trimEnd(), path);
  }

  async list(id: string, path: string): Promise<FileEntry[]> {
    const script = `[ -d "$1" ] || { echo "not a folder" >&2; exit 20; }; find "$1" -mindepth 1 -maxdepth 1 -printf '${ENTRY_FORMAT}'`;
    const out = await this.#op(id, 'list', path, script);
    return out.toString('utf8').split('\n').filter((l) => l !== '').map((line) => {
      const entry = parseEntry(line, '');
      return { ...entry, path: posix.join(path, entry.name) };
    }).sort((a, b) => a.name.localeCompare(b.name));
  }

  async mkdir(id: string, path: string): Promise<void> {
    await this.#op(id, 'mkdir', path, 'mkdir -p -- "$1"');
  }

  async remove(id: string, path: string): Promise<void> {
    await this.#op(id, 'remove', path, '[ -e "$1" ] || [ -L "$1" ] || { echo "no such file or folder" >&2; exit 2; }; rm -rf -- "$1"');
  }

  async putArchive(id: string, path: string, tar: Buffer): Promise<void> {
    await this.#op(id, 'upload into', path, 'mkdir -p -- "$1" && tar -x -f - -C "$1" --no-same-owner --no-same-permissions', tar);
  }

  async getArchive(id: string, path: string): Promise<Buffer> {
    return this.#op(id, 'download', path, 'tar -c -f - -C "$1" .', undefined, ARCHIVE_CAP);
  }

  async destroy(id: string): Promise<void> {
    const background = this.#background.get(id) ?? new Set<ChildProcess>();
    for (const child of background) killTree(child);
    this.#background.delete(id);
    // A command ends with its namespace; only background runs, or a previous run's leftovers, can outlive it.
    const known = this.#records.get(id);
    const hostUid = (known ?? (await this.store.all()).find((r) => r.spec.id === id))?.hostUid;
    if (hostUid !== undefined && (known === undefined || background.size > 0)) await killUser(hostUid);
    this.#records.delete(id);
    await this.store.remove(id, hostUid);
  }

  async limitsOf(id: string): Promise<SandboxLimits> {
    return (await this.#record(id)).spec.limits;
  }

  /** Finishes deleting removed sandboxes' folders (also those a crash left). */
  async close(): Promise<void> {
    await this.store.settle();
  }

  async findAll(): Promise<FoundSandbox[]> {
    return (await this.store.all()).map((r) => ({ id: r.spec.id, labels: r.spec.labels, image: r.spec.image, running: true }));
  }
}
