import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/**
 * The Docker engine does not answer. The message names the socket (or host) and the reason, and says how to fix it.
 */
export class DockerUnreachableError extends BerthError {
  /**
   * @param plugin - the plugin that tried to reach Docker
   * @param endpoint - the socket path or `tcp://` address tried
   * @param reason - the underlying failure (e.g. `connect ENOENT /var/run/docker.sock`)
   */
  constructor(plugin: string, endpoint: string, reason: string, options?: ErrorOptions) {
    super(
      ErrorCodes.DOCKER_UNREACHABLE,
      `Docker is not reachable at ${endpoint}: ${reason}. Start dockerd or set docker_socket (plugin '${plugin}')`,
      { plugin, endpoint, reason, hint: 'Start dockerd, or set the docker_socket / docker_host setting' },
      options,
    );
  }
}

/** A Docker request was refused by the docker.access policy; the message says what was refused and why. */
export class DockerPolicyError extends BerthError {
  /**
   * @param plugin - the plugin whose request was refused
   * @param what - what was refused (e.g. `a privileged container`)
   * @param why - why, and the fix when there is one
   * @param field - the offending field (e.g. `HostConfig.Privileged`, `mounts[0].source`), when there is one
   */
  constructor(plugin: string, what: string, why: string, field?: string) {
    super(ErrorCodes.DOCKER_POLICY_DENIED, `plugin '${plugin}': refused ${what}: ${why}`, {
      plugin,
      ...(field !== undefined ? { path: field } : {}),
      hint: why,
    });
  }
}

/** An image is absent locally and could not be pulled; the message says both. */
export class DockerImageUnavailableError extends BerthError {
  /**
   * @param plugin - the plugin that needed the image
   * @param image - the image reference
   * @param pullReason - why the pull failed
   */
  constructor(plugin: string, image: string, pullReason: string, options?: ErrorOptions) {
    super(
      ErrorCodes.DOCKER_IMAGE_UNAVAILABLE,
      `plugin '${plugin}': image '${image}' is not present locally, and pulling it failed: ${pullReason}. ` +
        `Build or load it locally (docker build / docker load), or make its registry reachable`,
      { plugin, image, hint: 'build or load the image locally, or make its registry reachable' },
      options,
    );
  }
}

/** A name is already taken; the message says which object holds it. */
export class DockerNameConflictError extends BerthError {
  /**
   * @param plugin - the plugin that asked for the name
   * @param kind - `container`, `network` or `volume`
   * @param name - the name asked for
   * @param holder - the id of the object that holds the name, when known
   */
  constructor(plugin: string, kind: string, name: string, holder?: string) {
    const who = holder !== undefined ? ` by ${kind} ${holder}` : '';
    super(
      ErrorCodes.DOCKER_NAME_CONFLICT,
      `plugin '${plugin}': the ${kind} name '${name}' is already in use${who}. Choose another name or remove that ${kind}`,
      { plugin, kind, name, ...(holder !== undefined ? { holder } : {}), hint: `choose another name or remove the ${kind}` },
    );
  }
}

/** The Docker engine refused or failed a request; the message carries the engine's own message. */
export class DockerRequestError extends BerthError {
  /**
   * @param plugin - the plugin that sent the request
   * @param action - what was attempted (e.g. `stop container 3f2a…`)
   * @param reason - the engine's message
   * @param status - the HTTP status the engine answered, when there is one
   */
  constructor(plugin: string, action: string, reason: string, status?: number, options?: ErrorOptions) {
    super(ErrorCodes.DOCKER_REQUEST_FAILED, `plugin '${plugin}': ${action} failed: ${reason}`, {
      plugin,
      ...(status !== undefined ? { status } : {}),
    }, options);
  }
}

/**
 * A Docker engine a plugin is set to use cannot be used as configured: an address Berth cannot parse, an unknown
 * Docker context, TLS files missing, or a TLS handshake the engine or Berth refused (wrong CA, no client
 * certificate). The message names the engine, where its address came from, and the fix.
 */
export class DockerEngineError extends BerthError {
  /**
   * @param plugin - the plugin whose engine it is
   * @param engine - the engine's address as the user wrote it (e.g. `tcp://build:2376`, `context 'farm'`)
   * @param source - where the address came from (e.g. `setting docker_host`, `DOCKER_HOST`)
   * @param reason - what is wrong
   * @param fix - what to do about it
   */
  constructor(plugin: string, engine: string, source: string, reason: string, fix: string, options?: ErrorOptions) {
    super(
      ErrorCodes.DOCKER_ENGINE_INVALID,
      `plugin '${plugin}': Docker engine ${engine} (from ${source}): ${reason}. Fix: ${fix}`,
      { plugin, engine, source, reason, hint: fix },
      options,
    );
  }
}
