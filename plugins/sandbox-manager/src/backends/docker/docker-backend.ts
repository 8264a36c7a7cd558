import Docker from 'dockerode';
import { DockerRequestError, SandboxFileError } from '@berth/sdk';
import { OWN_FILTER, Labels } from '../../labels.js';
import type { ExecOutcome, ExecRequest, FileEntry, FoundSandbox, SandboxLimits, SandboxSpec } from '../../sandbox.js';
import { WORKSPACE } from '../../sandbox.js';
import { PLUGIN_NAME } from '../../settings.js';
import type { Owner } from '../../tar.js';
import type { SandboxBackend } from '../backend.js';
import { containerBody } from './container-body.js';
import { OomCounter, dockerExec, dockerExecBackground } from './docker-exec.js';
import { DockerFiles } from './docker-files.js';
import { engineMessage, fileError, imageUnavailable, statusOf, toBerthError } from './engine-errors.js';

/** `uid[:gid]` as numbers (names fall back to nobody). */
export function parseOwner(user: string): Owner {
  const [uid, gid] = user.split(':').map((p) => Number.parseInt(p, 10));
  const u = Number.isInteger(uid) ? (uid as number) : 65534;
  return { uid: u, gid: Number.isInteger(gid) ? (gid as number) : u };
}

/**
 * Sandboxes as Docker containers, reached through the socket of the settings (under Berth, the host's Docker
 * policy socket). Each sandbox is one labelled container named `berth-sandbox-<id>`.
 */
export class DockerBackend implements SandboxBackend {
  readonly kind = 'docker' as const;
  readonly docker: Docker;
  readonly #files: DockerFiles;
  readonly #users = new Map<string, string>();
  readonly #oom = new OomCounter();

  /**
   * @param socket - the Docker socket path
   * @param owner - the owner tag of this installation (only its sandboxes are found)
   */
  constructor(
    readonly socket: string,
    readonly owner = '',
  ) {
    this.docker = new Docker({ socketPath: socket });
    this.#files = new DockerFiles(this.docker, (name) => parseOwner(this.#users.get(name.replace(/^berth-sandbox-/, '')) ?? '65534:65534'));
  }

  /** Pings the engine; throws an error naming the bubblewrap fallback when it does not answer. */
  async ping(): Promise<void> {
    await this.docker.ping().catch((error: unknown) => {
      throw toBerthError(error, 'ping Docker', this.socket);
    });
  }

  /** The container of a sandbox. */
  #name(id: string): string {
    return `berth-sandbox-${id}`;
  }

  /** Creates the container, pulling its image first when absent (an image that cannot be pulled says so). */
  async #createContainer(spec: SandboxSpec): Promise<Docker.Container> {
    const body = containerBody(spec);
    try {
      return await this.docker.createContainer(body);
    } catch (error) {
      if (statusOf(error) !== 404 || !/no such image/i.test(engineMessage(error))) throw toBerthError(error, `create sandbox ${spec.id}`, this.socket);
    }
    await this.#pull(spec.image);
    return this.docker.createContainer(body).catch((error: unknown) => {
      throw toBerthError(error, `create sandbox ${spec.id}`, this.socket);
    });
  }

  /** Pulls an image to its end. */
  async #pull(image: string): Promise<void> {
    try {
      const stream = await this.docker.pull(image);
      await new Promise<void>((resolve, reject) => this.docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve())));
    } catch (error) {
      throw imageUnavailable(image, error);
    }
  }

  async create(spec: SandboxSpec): Promise<void> {
    const container = await this.#createContainer(spec);
    this.#users.set(spec.id, spec.user);
    try {
      await container.start();
      if (spec.workspace === undefined) await this.#openWorkspace(container, spec.image);
    } catch (error) {
      await container.remove({ force: true, v: true }).catch(() => undefined);
      throw toBerthError(error, `start sandbox ${spec.id}`, this.socket);
    }
  }

  /** A fresh workspace volume belongs to root: let any sandbox user write it (root without capabilities may chmod its own). */
  async #openWorkspace(container: Docker.Container, image: string): Promise<void> {
    const exec = await container.exec({ Cmd: ['chmod', '1777', WORKSPACE], User: '0:0', AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    stream.resume();
    await new Promise((resolve) => stream.once('end', resolve));
    const { ExitCode } = await exec.inspect();
    if (ExitCode !== 0) {
      throw new DockerRequestError(PLUGIN_NAME, `open the workspace of a sandbox of image '${image}'`, `chmod exited ${String(ExitCode)}; sandbox images need a POSIX userland (sleep, sh, chmod, rm, cat)`);
    }
  }

  async exec(id: string, request: ExecRequest): Promise<ExecOutcome> {
    try {
      return await dockerExec(this.docker, this.#name(id), request, this.#oom);
    } catch (error) {
      throw toBerthError(error, `exec in sandbox ${id}`, this.socket);
    }
  }

  async execBackground(id: string, request: ExecRequest): Promise<{ handle: string }> {
    return { handle: await dockerExecBackground(this.docker, this.#name(id), request) };
  }

  /** Runs a file operation, turning engine failures into file errors. */
  async #file<T>(id: string, action: string, path: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw fileError(id, action, path, error, this.socket);
    }
  }

  writeFile(id: string, path: string, data: Buffer, mode?: number): Promise<void> {
    return this.#file(id, 'write', path, () => this.#files.writeFile(this.#name(id), path, data, mode));
  }

  readFile(id: string, path: string, maxBytes: number): Promise<{ data: Buffer; truncated: boolean; size: number }> {
    return this.#file(id, 'read', path, () => this.#files.readFile(id, this.#name(id), path, maxBytes));
  }

  stat(id: string, path: string): Promise<FileEntry> {
    return this.#file(id, 'stat', path, () => this.#files.stat(this.#name(id), path));
  }

  list(id: string, path: string): Promise<FileEntry[]> {
    return this.#file(id, 'list', path, () => this.#files.list(id, this.#name(id), path));
  }

  mkdir(id: string, path: string): Promise<void> {
    return this.#file(id, 'mkdir', path, () => this.#files.mkdir(this.#name(id), path));
  }

  async remove(id: string, path: string): Promise<void> {
    await this.stat(id, path);
    const outcome = await this.exec(id, { argv: ['rm', '-rf', '--', path], cwd: WORKSPACE, env: {}, user: this.#users.get(id) ?? '65534:65534', timeoutMs: 60_000, outputCap: 4096 });
    if (outcome.exitCode !== 0) throw new SandboxFileError(PLUGIN_NAME, id, 'remove', path, outcome.stderr.toString('utf8').trim() || `rm exited ${outcome.exitCode}`);
  }

  putArchive(id: string, path: string, tar: Buffer): Promise<void> {
    return this.#file(id, 'upload into', path, () => this.#files.putArchive(this.#name(id), path, tar));
  }

  getArchive(id: string, path: string): Promise<Buffer> {
    return this.#file(id, 'download', path, () => this.#files.getArchive(this.#name(id), path));
  }

  async destroy(id: string): Promise<void> {
    this.#users.delete(id);
    this.#oom.forget(this.#name(id));
    await this.docker.getContainer(this.#name(id)).remove({ force: true, v: true }).catch((error: unknown) => {
      if (statusOf(error) !== 404 && !/removal of container .* is already in progress/i.test(engineMessage(error))) throw toBerthError(error, `destroy sandbox ${id}`, this.socket);
    });
  }

  async findAll(): Promise<FoundSandbox[]> {
    const containers = await this.docker.listContainers({ all: true, filters: { label: [OWN_FILTER, `${Labels.owner}=${this.owner}`] } }).catch((error: unknown) => {
      throw toBerthError(error, 'list sandboxes', this.socket);
    });
    return containers
      .filter((c) => typeof c.Labels[Labels.sandbox] === 'string')
      .map((c) => {
        const id = c.Labels[Labels.sandbox] as string;
        return { id, labels: c.Labels, image: c.Image, running: c.State === 'running' };
      });
  }

  async limitsOf(id: string): Promise<Partial<SandboxLimits>> {
    const info = await this.docker.getContainer(this.#name(id)).inspect();
    const host = info.HostConfig;
    this.#users.set(id, info.Config.User || '65534:65534');
    return {
      cpus: (host.NanoCpus ?? 0) / 1e9,
      memory_mb: Math.round((host.Memory ?? 0) / 1024 / 1024),
      pids: host.PidsLimit ?? 0,
      network: host.NetworkMode === 'none' ? 'none' : 'open',
    };
  }

  /** Remembers the user of an adopted sandbox (files it writes are owned by that user). */
  adopt(id: string, user: string): void {
    this.#users.set(id, user);
  }
}
