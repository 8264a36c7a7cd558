import { SandboxBackendUnavailableError, SandboxLimitError } from '@berth/sdk';
import type { ExecOutcome, ExecRequest, FileEntry, FoundSandbox, SandboxLimits, SandboxSpec } from '../../sandbox.js';
import { PLUGIN_NAME } from '../../settings.js';
import type { SandboxBackend } from '../backend.js';
import type { DockerBackend } from './docker-backend.js';

/** One engine of a set: its name, its backend, and how many sandboxes it takes. */
export interface SetEngine {
  /** The name sandboxes are listed with. */
  readonly name: string;
  /** The Docker backend on its socket (under Berth, the host's policy socket for that engine). */
  readonly backend: DockerBackend;
  /** The most sandboxes it holds at once. */
  readonly capacity: number;
}

/**
 * Sandboxes spread over several Docker engines: a new one goes to the first engine (in settings order) holding
 * fewer sandboxes than its capacity — a simple count, no load measure — skipping an engine that does not answer;
 * every other call goes to the engine its sandbox lives on. Leftovers are looked for on every engine.
 */
export class DockerEngineSet implements SandboxBackend {
  readonly kind = 'docker' as const;
  readonly #where = new Map<string, SetEngine>();

  /** @param engines - the engines, in the order they are filled */
  constructor(readonly engines: readonly SetEngine[]) {}

  /** The engine sandbox `id` lives on, when known. */
  engineOf(id: string): string | undefined {
    return this.#where.get(id)?.name;
  }

  /** How many sandboxes each engine holds now. */
  counts(): Record<string, number> {
    const counts = Object.fromEntries(this.engines.map((e) => [e.name, 0]));
    for (const engine of this.#where.values()) counts[engine.name] = (counts[engine.name] ?? 0) + 1;
    return counts;
  }

  /** Resolves when at least one engine answers; else throws what each said. */
  async ping(): Promise<void> {
    const failures: string[] = [];
    for (const engine of this.engines) {
      const error = await engine.backend.ping().then(() => undefined, (e: unknown) => e as Error);
      if (error === undefined) return;
      failures.push(`${engine.name}: ${error.message}`);
    }
    throw new SandboxBackendUnavailableError(PLUGIN_NAME, 'docker', `no engine of docker_engines answers (${failures.join('; ')})`);
  }

  /** The engine of a sandbox; an unknown id goes to the first engine (which answers it is not there). */
  #on(id: string): DockerBackend {
    return (this.#where.get(id) ?? this.engines[0])?.backend as DockerBackend;
  }

  async create(spec: SandboxSpec): Promise<void> {
    const counts = this.counts();
    const unreachable: string[] = [];
    for (const engine of this.engines) {
      if ((counts[engine.name] ?? 0) >= engine.capacity) continue;
      this.#where.set(spec.id, engine);
      try {
        await engine.backend.create(spec);
        return;
      } catch (error) {
        this.#where.delete(spec.id);
        if (!(error instanceof SandboxBackendUnavailableError)) throw error;
        unreachable.push(`${engine.name}: ${error.message}`);
      }
    }
    if (unreachable.length > 0) throw new SandboxBackendUnavailableError(PLUGIN_NAME, 'docker', `no engine with room answers (${unreachable.join('; ')})`);
    const total = this.engines.reduce((sum, e) => sum + e.capacity, 0);
    throw new SandboxLimitError(PLUGIN_NAME, 'sandboxes on the engines of docker_engines', String(total + 1), String(total), 'docker_engines[].max_sandboxes');
  }

  exec(id: string, request: ExecRequest): Promise<ExecOutcome> {
    return this.#on(id).exec(id, request);
  }

  execBackground(id: string, request: ExecRequest): Promise<{ readonly handle: string }> {
    return this.#on(id).execBackground(id, request);
  }

  writeFile(id: string, path: string, data: Buffer, mode?: number): Promise<void> {
    return this.#on(id).writeFile(id, path, data, mode);
  }

  readFile(id: string, path: string, maxBytes: number): Promise<{ readonly data: Buffer; readonly truncated: boolean; readonly size: number }> {
    return this.#on(id).readFile(id, path, maxBytes);
  }

  stat(id: string, path: string): Promise<FileEntry> {
    return this.#on(id).stat(id, path);
  }

  list(id: string, path: string): Promise<FileEntry[]> {
    return this.#on(id).list(id, path);
  }

  mkdir(id: string, path: string): Promise<void> {
    return this.#on(id).mkdir(id, path);
  }

  remove(id: string, path: string): Promise<void> {
    return this.#on(id).remove(id, path);
  }

  putArchive(id: string, path: string, tar: Buffer): Promise<void> {
    return this.#on(id).putArchive(id, path, tar);
  }

  getArchive(id: string, path: string): Promise<Buffer> {
    return this.#on(id).getArchive(id, path);
  }

  /** Destroys on its engine; an id of no known engine is destroyed wherever it is. */
  async destroy(id: string): Promise<void> {
    const engine = this.#where.get(id);
    this.#where.delete(id);
    if (engine !== undefined) return engine.backend.destroy(id);
    for (const one of this.engines) await one.backend.destroy(id).catch(() => undefined);
  }

  /** The sandboxes of every engine that answers (one that does not is skipped: its leftovers wait for the next start). */
  async findAll(): Promise<FoundSandbox[]> {
    const found: FoundSandbox[] = [];
    for (const engine of this.engines) {
      const here = await engine.backend.findAll().catch(() => [] as FoundSandbox[]);
      for (const sandbox of here) {
        if (!this.#where.has(sandbox.id)) this.#where.set(sandbox.id, engine);
        found.push(sandbox);
      }
    }
    return found;
  }

  limitsOf(id: string): Promise<Partial<SandboxLimits>> {
    return this.#on(id).limitsOf(id);
  }
}
