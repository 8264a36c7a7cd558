import {
  BerthError,
  DockerImageUnavailableError,
  DockerNameConflictError,
  DockerRequestError,
  DockerUnreachableError,
} from '@berth/sdk';
import { PLUGIN_NAME } from '../settings.js';

/** Error codes of a socket that does not answer (the engine is down, the socket is missing or refused). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** The shape of a dockerode / docker-modem failure. */
interface ModemError {
  readonly code?: string;
  readonly statusCode?: number;
  readonly message?: string;
  readonly json?: { readonly message?: string } | null;
  readonly reason?: string;
}

/** The engine's own message of a failed request. */
export function engineMessage(error: unknown): string {
  const e = error as ModemError;
  const json = e.json?.message;
  if (typeof json === 'string' && json !== '') return json;
  if (Buffer.isBuffer(e.json)) return e.json.toString('utf8').trim();
  return String(e.message ?? error).replace(/^\(HTTP code \d+\) [a-z ]+ - /, '').trim();
}

/** True when `error` says the engine is not reachable at all. */
export function isUnreachable(error: unknown): boolean {
  const code = (error as ModemError).code;
  return typeof code === 'string' && UNREACHABLE_CODES.has(code);
}

/** Finds `… by container "<id>"` in a conflict message. */
function conflictHolder(message: string): string | undefined {
  return /already in use by container "?([0-9a-f]{12,64})"?/i.exec(message)?.[1];
}

/**
 * Turns a dockerode failure into a Berth error a user can act on: unreachable engine, name conflict (naming the
 * holder), missing image, or the engine's own message. `action` says what was attempted; `endpoint` where.
 */
export function toBerthError(error: unknown, action: string, endpoint: string): BerthError {
  if (error instanceof BerthError) return error;
  if (isUnreachable(error)) {
    const e = error as ModemError;
    return new DockerUnreachableError(PLUGIN_NAME, endpoint, `${e.code}: ${e.message ?? ''}`.trim(), { cause: error });
  }
  const status = (error as ModemError).statusCode;
  const message = engineMessage(error);
  if (status === 502 && message.startsWith('Docker is not reachable at ')) {
    return new DockerUnreachableError(PLUGIN_NAME, endpoint, `the Berth policy socket answered: ${message}`, { cause: error });
  }
  if (status === 409 && /already in use/i.test(message)) {
    const name = /name "\/?([^"]+)"/.exec(message)?.[1] ?? /network with name ([^ ]+)/.exec(message)?.[1] ?? '?';
    const kind = /network/i.test(message) ? 'network' : 'container';
    return new DockerNameConflictError(PLUGIN_NAME, kind, name, conflictHolder(message));
  }
  return new DockerRequestError(PLUGIN_NAME, action, message, status, { cause: error });
}

/** Wraps an image-absent failure after a failed pull: says both that it is not local and why the pull failed. */
export function imageUnavailable(image: string, pullError: unknown): DockerImageUnavailableError {
  return new DockerImageUnavailableError(PLUGIN_NAME, image, engineMessage(pullError), { cause: pullError });
}
