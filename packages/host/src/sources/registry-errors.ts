import { InstallFailedError, PackageNotFoundError, RegistryUnreachableError, type BerthError } from '@berth/sdk';

/** Network failures meaning "the registry cannot be reached" (not "the registry said no"). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_SOCKET_TIMEOUT', 'FETCH_ERROR']);

/** The registry's "no such package / version" answers. */
const NOT_FOUND = new Set(['E404', 'ETARGET', 'ENOVERSIONS', 'ENOENT']);

/** Turns an error of pacote or Arborist into a typed Berth error naming what was fetched and the fix. */
export function installError(plugin: string, spec: string, registry: string, error: unknown): BerthError {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && UNREACHABLE.has(code)) return new RegistryUnreachableError(spec, registry, code, { cause: error });
  if (typeof code === 'string' && NOT_FOUND.has(code)) return new PackageNotFoundError(spec, message.split('\n')[0] ?? message, { cause: error });
  return new InstallFailedError(plugin, spec, message.split('\n')[0] ?? message, { cause: error });
}
