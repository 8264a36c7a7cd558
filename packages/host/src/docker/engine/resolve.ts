import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_ENGINE_HOST, parseEngineHost } from './address.js';
import type { EngineAddress, EngineTlsFiles } from './address.js';
import { currentDockerContext, dockerConfigDir, readDockerContext } from './docker-context.js';

/** The settings that choose a plugin's engine (each optional; unknown types are ignored). */
export interface EngineSettings {
  /** A Docker context's name (wins over everything). */
  readonly docker_context?: unknown;
  /** A `DOCKER_HOST`-style address. */
  readonly docker_host?: unknown;
  /** The folder of `ca.pem`, `cert.pem`, `key.pem` for a `tcp://` engine (setting it turns TLS on). */
  readonly docker_cert_path?: unknown;
  /** TLS with verification for a `tcp://` engine (files from `docker_cert_path`, `DOCKER_CERT_PATH` or `~/.docker`). */
  readonly docker_tls_verify?: unknown;
  /** Host folder → path on the remote engine's machine, for bind mounts. */
  readonly docker_path_map?: unknown;
}

/** The settings keys that choose an engine (the host consumes them; the plugin never needs them). */
export const ENGINE_SETTING_KEYS = ['docker_context', 'docker_host', 'docker_cert_path', 'docker_tls_verify', 'docker_path_map'] as const;

type Env = Readonly<Record<string, string | undefined>>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** A truthy flag: `true`, or a non-empty string other than `0` / `false` (Docker reads `DOCKER_TLS_VERIFY` so). */
const flag = (value: unknown): boolean => value === true || (typeof value === 'string' && value !== '' && !['0', 'false', 'no'].includes(value.toLowerCase()));

/** The TLS files in `folder` (Docker's names); `ca.pem` is required, a missing `cert.pem`/`key.pem` means no client certificate. */
export function tlsFilesIn(folder: string): EngineTlsFiles {
  const ca = join(folder, 'ca.pem');
  if (!existsSync(ca)) throw new Error(`TLS is on but there is no CA certificate at ${ca}`);
  const cert = join(folder, 'cert.pem');
  const key = join(folder, 'key.pem');
  const both = existsSync(cert) && existsSync(key);
  return { ca, folder, ...(both ? { cert, key } : {}) };
}

/** `docker_path_map`: an object of absolute host folder → absolute remote path. */
function pathMapOf(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error('docker_path_map must be an object {"<host folder>": "<path on the engine\'s machine>"}');
  const map: Record<string, string> = {};
  for (const [local, remote] of Object.entries(value as Record<string, unknown>)) {
    if (!isAbsolute(local) || typeof remote !== 'string' || !remote.startsWith('/')) {
      throw new Error(`docker_path_map entry '${local}' must map an absolute host folder to an absolute path on the engine's machine`);
    }
    map[resolve(local)] = remote;
  }
  return map;
}

/** A `tcp://` address with its TLS files, from explicit settings or from `DOCKER_TLS_VERIFY` / `DOCKER_CERT_PATH`. */
function withTls(host: string, source: string, certPath: string | undefined, verify: boolean, env: Env): EngineAddress {
  const tls = certPath !== undefined || verify;
  if (!tls || parseEngineHost(host, tls).transport !== 'tcp') return { host, source };
  return { host, source, tls: tlsFilesIn(certPath ?? text(env['DOCKER_CERT_PATH']) ?? dockerConfigDir(env)) };
}

/** The address of a Docker context. */
function fromContext(name: string, source: string, env: Env): EngineAddress {
  const context = readDockerContext(name, env);
  return { host: context.host, source: `${source} (Docker context '${name}')`, ...(context.tls !== undefined ? { tls: context.tls } : {}) };
}

/**
 * Which engine a plugin uses, the way the Docker CLI picks one: the plugin's `docker_context` setting, else its
 * `docker_host` setting (TLS from `docker_cert_path` / `docker_tls_verify`, else from the environment), else the
 * host's `DOCKER_HOST` (with `DOCKER_TLS_VERIFY` / `DOCKER_CERT_PATH`), else the host's Docker context
 * (`DOCKER_CONTEXT`, or `currentContext` in the CLI's config), else `unix:///var/run/docker.sock`. The plugin's
 * `docker_socket` setting is not read: under Berth it is the policy socket. Throws an `Error` saying what is wrong.
 */
export function resolveEngineAddress(settings: EngineSettings, env: Env = process.env): EngineAddress {
  const pathMap = pathMapOf(settings.docker_path_map);
  const extra = pathMap !== undefined ? { pathMap } : {};
  const context = text(settings.docker_context);
  if (context !== undefined) return { ...fromContext(context, 'setting docker_context', env), ...extra };
  const host = text(settings.docker_host);
  const certPath = text(settings.docker_cert_path);
  if (host !== undefined) {
    const verify = settings.docker_tls_verify !== undefined ? flag(settings.docker_tls_verify) : flag(env['DOCKER_TLS_VERIFY']);
    return { ...withTls(host, 'setting docker_host', certPath, verify, env), ...extra };
  }
  const envHost = text(env['DOCKER_HOST']);
  if (envHost !== undefined) return { ...withTls(envHost, 'DOCKER_HOST', certPath, flag(env['DOCKER_TLS_VERIFY']), env), ...extra };
  const current = currentDockerContext(env);
  if (current !== undefined && current !== 'default') return { ...fromContext(current, 'the Docker CLI', env), ...extra };
  return { host: DEFAULT_ENGINE_HOST, source: 'the default', ...extra };
}
