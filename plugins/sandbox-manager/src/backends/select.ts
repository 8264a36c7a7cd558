import { join } from 'node:path';
import { SandboxBackendUnavailableError } from '@berth/sdk';
import { ownerTag } from '../labels.js';
import { PLUGIN_NAME } from '../settings.js';
import type { SandboxSettings } from '../settings.js';
import type { BackendKind, SandboxBackend } from './backend.js';
import { BwrapBackend } from './bwrap/bwrap-backend.js';
import { findHostTools } from './bwrap/host-tools.js';
import { DockerBackend } from './docker/docker-backend.js';
import { DockerEngineSet } from './docker/engine-set.js';

/** What `berth doctor` shows about the Sandbox Manager's backends. */
export interface SandboxBackendReport {
  /** The backend sandboxes would run on now, or `none`. */
  readonly backend: BackendKind | 'none';
  /** The backend the settings ask for. */
  readonly requested: SandboxSettings['backend'];
  /** Docker: reachable at which socket, or why not. */
  readonly docker: { readonly socket: string; readonly reachable: boolean; readonly error?: string };
  /** With `docker_engines`: each engine, its socket, capacity, and whether it answers. */
  readonly engines?: readonly { readonly name: string; readonly socket: string; readonly capacity: number; readonly reachable: boolean; readonly error?: string }[];
  /** bubblewrap: usable, or what is missing. */
  readonly bwrap: { readonly available: boolean; readonly missing?: readonly string[]; readonly perSandboxUser: boolean };
}

/** Pings Docker at `socket`; the error message when it does not answer. */
async function dockerError(socket: string): Promise<string | undefined> {
  try {
    await new DockerBackend(socket).ping();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Which backend the Sandbox Manager uses with these settings, and why — for `berth doctor`. Never throws.
 * `auto` picks Docker when it answers at `docker_socket`, else bubblewrap when `bwrap` and `prlimit` are installed.
 */
export async function detectSandboxBackend(settings: Pick<SandboxSettings, 'backend' | 'docker_socket'> & Partial<Pick<SandboxSettings, 'docker_engines' | 'max_sandboxes'>>): Promise<SandboxBackendReport> {
  const listed = (settings.docker_engines ?? []).length > 0 && settings.backend !== 'bwrap' ? await Promise.all(engineEntries(settings).map(async (e) => {
    const problem = await dockerError(e.socket);
    return { name: e.name, socket: e.socket, capacity: e.capacity, reachable: problem === undefined, ...(problem !== undefined ? { error: problem } : {}) };
  })) : undefined;
  const firstUp = listed?.find((e) => e.reachable);
  const error = settings.backend === 'bwrap' ? 'not tried (backend is bwrap)' : listed !== undefined ? (firstUp !== undefined ? undefined : listed.map((e) => `${e.name}: ${e.error ?? ''}`).join('; ')) : await dockerError(settings.docker_socket);
  const tools = findHostTools();
  const bwrapOk = !('missing' in tools);
  const dockerOk = error === undefined;
  const backend: SandboxBackendReport['backend'] =
    settings.backend === 'docker' ? (dockerOk ? 'docker' : 'none')
    : settings.backend === 'bwrap' ? (bwrapOk ? 'bwrap' : 'none')
    : dockerOk ? 'docker' : bwrapOk ? 'bwrap' : 'none';
  return {
    backend,
    requested: settings.backend,
    docker: { socket: firstUp?.socket ?? settings.docker_socket, reachable: dockerOk, ...(error !== undefined ? { error } : {}) },
    ...(listed !== undefined ? { engines: listed } : {}),
    bwrap: { available: bwrapOk, ...('missing' in tools ? { missing: tools.missing } : {}), perSandboxUser: !('missing' in tools) && tools.ownUsers },
  };
}

/** The engines of `docker_engines`, with their sockets and capacities filled in. */
export function engineEntries(settings: Pick<SandboxSettings, 'docker_socket'> & Partial<Pick<SandboxSettings, 'docker_engines' | 'max_sandboxes'>>): { name: string; socket: string; capacity: number }[] {
  return (settings.docker_engines ?? []).map((entry, i) => ({
    name: typeof entry.name === 'string' && entry.name !== '' ? entry.name : `engine-${i + 1}`,
    socket: typeof entry.docker_socket === 'string' && entry.docker_socket !== '' ? entry.docker_socket : settings.docker_socket,
    capacity: typeof entry.max_sandboxes === 'number' && entry.max_sandboxes > 0 ? entry.max_sandboxes : (settings.max_sandboxes ?? Number.POSITIVE_INFINITY),
  }));
}

/** The Docker side the settings ask for: one engine (`docker_socket`), or the set of `docker_engines`. */
function dockerBackendFor(settings: SandboxSettings, owner: string): DockerBackend | DockerEngineSet {
  if (settings.docker_engines.length === 0) return new DockerBackend(settings.docker_socket, owner);
  return new DockerEngineSet(engineEntries(settings).map((e) => ({ name: e.name, capacity: e.capacity, backend: new DockerBackend(e.socket, owner) })));
}

/** The bubblewrap backend, once a probe sandbox ran. */
async function openBwrap(root: string): Promise<BwrapBackend> {
  const backend = new BwrapBackend(root);
  await backend.probe();
  return backend;
}

/** The folder shared by system sandboxes when the plugin runs as root (each sandbox's user must reach it). */
export const SHARED_BWRAP_ROOT = '/var/tmp/berth-sandbox-manager';

/**
 * Where the bubblewrap backend keeps its sandboxes: as root (each sandbox then runs as a host user of its own, who
 * must be able to reach its folders) under {@link SHARED_BWRAP_ROOT}/<owner tag>; otherwise in the data folder.
 */
export function bwrapSandboxRoot(dataDir: string): string {
  const tools = findHostTools();
  return !('missing' in tools) && tools.ownUsers ? join(SHARED_BWRAP_ROOT, ownerTag(dataDir)) : join(dataDir, 'bwrap-sandboxes');
}

/** Makes the backend the settings ask for (`auto`: Docker if it answers, else bubblewrap). */
export async function openBackend(settings: SandboxSettings, dataDir: string): Promise<SandboxBackend> {
  const bwrapRoot = bwrapSandboxRoot(dataDir);
  if (settings.backend === 'bwrap') return openBwrap(bwrapRoot);
  const docker = dockerBackendFor(settings, ownerTag(dataDir));
  if (settings.backend === 'docker') {
    await docker.ping();
    return docker;
  }
  const error = await docker.ping().then(() => undefined, (e: unknown) => e as Error);
  if (error === undefined) return docker;
  try {
    return await openBwrap(bwrapRoot);
  } catch (bwrapError) {
    throw new SandboxBackendUnavailableError(PLUGIN_NAME, 'auto', `${error.message}; and bubblewrap: ${(bwrapError as Error).message}`, { cause: error });
  }
}
