import { BerthError, DockerImageUnavailableError, DockerRequestError, SandboxBackendUnavailableError, SandboxFileError } from '@berth/sdk';
import { PLUGIN_NAME } from '../../settings.js';

/** Error codes of a socket that does not answer. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** The shape of a dockerode failure. */
interface ModemError {
  readonly code?: string;
  readonly statusCode?: number;
  readonly message?: string;
  readonly json?: { readonly message?: string } | Buffer | null;
}

/** The engine's own message. */
export function engineMessage(error: unknown): string {
  const e = error as ModemError;
  if (Buffer.isBuffer(e.json)) return e.json.toString('utf8').trim();
  const json = e.json?.message;
  if (typeof json === 'string' && json !== '') return json;
  return String(e.message ?? error).replace(/^\(HTTP code \d+\) [a-z ]+ - /, '').trim();
}

/** The HTTP status of a failed request, if any. */
export function statusOf(error: unknown): number | undefined {
  return (error as ModemError).statusCode;
}

/** Docker does not answer: the message names the socket and the bubblewrap fallback. */
export function dockerUnreachable(socket: string, error: unknown): SandboxBackendUnavailableError {
  const e = error as ModemError;
  return new SandboxBackendUnavailableError(
    PLUGIN_NAME,
    'docker',
    `Docker does not answer at ${socket} (${e.code ?? ''} ${e.message ?? String(error)}). Start dockerd, or set the ` +
      `setting 'backend' to 'bwrap' to run sandboxes under bubblewrap instead (berth config set ${PLUGIN_NAME} backend bwrap)`,
    { cause: error },
  );
}

/** Turns a dockerode failure into an error a user can act on. */
export function toBerthError(error: unknown, action: string, socket: string): BerthError {
  if (error instanceof BerthError) return error;
  const code = (error as ModemError).code;
  if (typeof code === 'string' && UNREACHABLE.has(code)) return dockerUnreachable(socket, error);
  // The host's policy socket answers, but the engine behind it (perhaps remote) does not: it says which and why.
  if (statusOf(error) === 502 && /^Docker is not reachable/.test(engineMessage(error))) return dockerUnreachable(socket, new Error(engineMessage(error)));
  return new DockerRequestError(PLUGIN_NAME, action, engineMessage(error), statusOf(error), { cause: error });
}

/** An image absent locally whose pull failed too. */
export function imageUnavailable(image: string, pullError: unknown): DockerImageUnavailableError {
  return new DockerImageUnavailableError(PLUGIN_NAME, image, engineMessage(pullError), { cause: pullError });
}

/** A failed archive request on a path, as a file error. */
export function fileError(id: string, action: string, path: string, error: unknown, socket: string): BerthError {
  const status = statusOf(error);
  if (status === 404) return new SandboxFileError(PLUGIN_NAME, id, action, path, 'no such file or folder', { cause: error });
  if (status === 400 || status === 403 || status === 500) return new SandboxFileError(PLUGIN_NAME, id, action, path, engineMessage(error), { cause: error });
  return toBerthError(error, `${action} ${path} in sandbox ${id}`, socket);
}
