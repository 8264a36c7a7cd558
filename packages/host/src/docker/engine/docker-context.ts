import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EngineTlsFiles } from './address.js';

/** A Docker context's Docker endpoint, as `docker context create` stored it. */
export interface DockerContextEndpoint {
  /** The context's name. */
  readonly name: string;
  /** Its `DOCKER_HOST`-style address. */
  readonly host: string;
  /** Its TLS files, when the context has them. */
  readonly tls?: EngineTlsFiles;
}

/** The Docker CLI's configuration folder: `DOCKER_CONFIG`, else `~/.docker`. */
export function dockerConfigDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env['DOCKER_CONFIG'] ?? join(homedir(), '.docker');
}

/** The context the Docker CLI would use: `DOCKER_CONTEXT`, else `currentContext` of its `config.json`, else none. */
export function currentDockerContext(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  if (env['DOCKER_CONTEXT'] !== undefined && env['DOCKER_CONTEXT'] !== '') return env['DOCKER_CONTEXT'];
  try {
    const config = JSON.parse(readFileSync(join(dockerConfigDir(env), 'config.json'), 'utf8')) as { currentContext?: unknown };
    return typeof config.currentContext === 'string' && config.currentContext !== '' ? config.currentContext : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the Docker endpoint of context `name` where the Docker CLI keeps it: `meta/<sha256(name)>/meta.json`
 * (its `Endpoints.docker.Host`) and `tls/<sha256(name)>/docker/{ca,cert,key}.pem` under the contexts folder.
 * Throws an `Error` naming the folder looked in when the context does not exist or has no Docker endpoint.
 */
export function readDockerContext(name: string, env: Readonly<Record<string, string | undefined>> = process.env): DockerContextEndpoint {
  const root = join(dockerConfigDir(env), 'contexts');
  const id = createHash('sha256').update(name).digest('hex');
  const metaFile = join(root, 'meta', id, 'meta.json');
  let meta: { Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } };
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as typeof meta;
  } catch (error) {
    throw new Error(`there is no Docker context '${name}' (${metaFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); list them with 'docker context ls'`);
  }
  const host = meta.Endpoints?.docker?.Host;
  if (typeof host !== 'string' || host === '') throw new Error(`the Docker context '${name}' has no Docker endpoint (${metaFile})`);
  if (meta.Endpoints?.docker?.SkipTLSVerify === true) throw new Error(`the Docker context '${name}' skips TLS verification, which Berth does not do`);
  const folder = join(root, 'tls', id, 'docker');
  const file = (f: string): string | undefined => (existsSync(join(folder, f)) ? join(folder, f) : undefined);
  const ca = file('ca.pem');
  const cert = file('cert.pem');
  const key = file('key.pem');
  if (ca === undefined && (cert !== undefined || key !== undefined)) {
    // The Docker CLI would speak TLS here (checked against the system's CAs): never drop to clear TCP instead.
    throw new Error(`the Docker context '${name}' has TLS files but no ca.pem (${folder}); Berth checks the engine's certificate against a CA it is given: copy the CA certificate that signed the engine's to ${join(folder, 'ca.pem')}`);
  }
  if (ca === undefined) return { name, host };
  return { name, host, tls: { ca, folder, ...(cert !== undefined ? { cert } : {}), ...(key !== undefined ? { key } : {}) } };
}
