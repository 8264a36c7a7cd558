import type { IncomingMessage } from 'node:http';
import { posix } from 'node:path';
import type Docker from 'dockerode';
import { SandboxFileError } from '@berth/sdk';
import { WORKSPACE } from '../../sandbox.js';
import type { FileEntry } from '../../sandbox.js';
import { PLUGIN_NAME } from '../../settings.js';
import { packEntries, parentEntries, readEntries, withOwner } from '../../tar.js';
import type { Owner, PackEntry } from '../../tar.js';

/** Go's `os.FileMode` type bits, as the engine's path stat reports them. */
const GO_DIR = 2 ** 31;
const GO_SYMLINK = 2 ** 27;

/** The engine's `X-Docker-Container-Path-Stat` header. */
interface PathStat {
  readonly name: string;
  readonly size: number;
  readonly mode: number;
  readonly mtime: string;
}

/** A path stat as a {@link FileEntry}. */
function toEntry(path: string, stat: PathStat): FileEntry {
  const type = stat.mode >= GO_DIR ? 'directory' : (stat.mode & GO_SYMLINK) !== 0 ? 'symlink' : 'file';
  return { path, name: posix.basename(path), type, size: stat.size, mode: (stat.mode & 0o777).toString(8), modified: new Date(stat.mtime).toISOString() };
}

/** The path relative to the workspace. */
function relative(path: string): string {
  return posix.relative(WORKSPACE, path);
}

/** File operations on a container's workspace through the engine's archive API (symlinks resolve inside it). */
export class DockerFiles {
  /**
   * @param docker - the engine
   * @param owner - who owns written files (the sandbox's user)
   */
  constructor(
    readonly docker: Docker,
    readonly owner: (containerId: string) => Owner,
  ) {}

  /** Unpacks entries into the workspace. */
  async #put(containerId: string, entries: readonly PackEntry[]): Promise<void> {
    const tar = await packEntries(entries, this.owner(containerId));
    await this.docker.getContainer(containerId).putArchive(tar, { path: WORKSPACE });
  }

  /** Writes a file, making its parents. */
  async writeFile(containerId: string, path: string, data: Buffer, mode?: number): Promise<void> {
    const rel = relative(path);
    await this.#put(containerId, [...parentEntries(rel), { name: rel, type: 'file', data, ...(mode !== undefined ? { mode } : {}) }]);
  }

  /** Makes a folder and its parents. */
  async mkdir(containerId: string, path: string): Promise<void> {
    const rel = relative(path);
    if (rel === '') return;
    await this.#put(containerId, [...parentEntries(`${rel}/x`)]);
  }

  /** Describes a path. */
  async stat(containerId: string, path: string): Promise<FileEntry> {
    const res = (await this.docker.getContainer(containerId).infoArchive({ path })) as IncomingMessage;
    res.resume();
    const header = res.headers['x-docker-container-path-stat'];
    if (typeof header !== 'string') throw new SandboxFileError(PLUGIN_NAME, containerId, 'stat', path, 'the engine gave no path stat');
    return toEntry(path, JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as PathStat);
  }

  /** Reads a file, at most `maxBytes`; symlinks are followed inside the container (the engine resolves them there). */
  async readFile(sandbox: string, containerId: string, path: string, maxBytes: number, hops = 0): Promise<{ data: Buffer; truncated: boolean; size: number }> {
    const stream = (await this.docker.getContainer(containerId).getArchive({ path })) as NodeJS.ReadableStream;
    const [first] = await readEntries(stream, maxBytes, 1);
    if (first?.header.type === 'symlink' && typeof first.header.linkname === 'string') {
      if (hops >= 8) throw new SandboxFileError(PLUGIN_NAME, sandbox, 'read', path, 'too many levels of symbolic links');
      return this.readFile(sandbox, containerId, posix.resolve(posix.dirname(path), first.header.linkname), maxBytes, hops + 1);
    }
    if (first === undefined || first.header.type === 'directory') {
      throw new SandboxFileError(PLUGIN_NAME, sandbox, 'read', path, 'it is a folder; use list_files or download_folder');
    }
    return { data: first.data, truncated: first.truncated, size: first.header.size ?? first.data.length };
  }

  /** Lists one level of a folder. */
  async list(sandbox: string, containerId: string, path: string): Promise<FileEntry[]> {
    const stream = (await this.docker.getContainer(containerId).getArchive({ path })) as NodeJS.ReadableStream;
    const entries = await readEntries(stream, 0);
    const [root] = entries;
    if (root === undefined || root.header.type !== 'directory') throw new SandboxFileError(PLUGIN_NAME, sandbox, 'list', path, 'not a folder');
    const base = root.header.name.replace(/\/$/, '');
    return entries
      .filter((e) => e.header.name.replace(/\/$/, '').split('/').length === base.split('/').length + 1)
      .map((e) => {
        const name = posix.basename(e.header.name.replace(/\/$/, ''));
        const type = e.header.type === 'directory' ? 'directory' : e.header.type === 'symlink' ? 'symlink' : e.header.type === 'file' ? 'file' : 'other';
        return { path: posix.join(path, name), name, type, size: e.header.size ?? 0, mode: ((e.header.mode ?? 0) & 0o777).toString(8), modified: (e.header.mtime ?? new Date(0)).toISOString() };
      });
  }

  /** Unpacks a tar archive into a folder (made first). */
  async putArchive(containerId: string, path: string, tar: Buffer): Promise<void> {
    await this.mkdir(containerId, path);
    // The unpacked files belong to the sandbox's user, whoever owned them in the archive.
    await this.docker.getContainer(containerId).putArchive(await withOwner(tar, this.owner(containerId)), { path });
  }

  /** Packs a folder (the archive's entries are relative to it). */
  async getArchive(containerId: string, path: string): Promise<Buffer> {
    const stream = (await this.docker.getContainer(containerId).getArchive({ path: `${path}/.` })) as NodeJS.ReadableStream;
    const chunks: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks);
  }
}
