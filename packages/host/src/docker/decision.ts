import type { PermissionDecision } from '../permissions/gate.js';

/** One decision of a Docker policy proxy, as the audit log records it: a {@link PermissionDecision} plus why. */
export interface DockerPolicyDecision extends PermissionDecision {
  /** Always `docker.access`. */
  readonly permission: 'docker.access';
  /** `METHOD /path` (the API version prefix removed), e.g. `POST /containers/create`. */
  readonly target: string;
  /** Why it was refused (absent when allowed). */
  readonly reason?: string;
}

/** A refusal: the request never reaches the engine; the plugin gets a 403 whose `message` says what and why. */
export class DockerPolicyRefusal extends Error {
  /**
   * @param what - what was refused (e.g. `a privileged container (HostConfig.Privileged)`)
   * @param why - why, and the fix when there is one
   * @param status - the HTTP status to answer (403, or 400 for a malformed request)
   */
  constructor(
    readonly what: string,
    readonly why: string,
    readonly status = 403,
  ) {
    super(`refused ${what}: ${why}`);
    this.name = 'DockerPolicyRefusal';
  }
}
