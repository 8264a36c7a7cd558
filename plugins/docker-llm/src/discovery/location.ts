/** How a Model Runner location was found, in the documented order of precedence. */
export type ModelRunnerSource = 'setting' | 'env' | 'default-port' | 'desktop-socket' | 'container';

/** One place where Model Runner may be. */
export interface ModelRunnerCandidate {
  /** How it was found. */
  readonly source: ModelRunnerSource;
  /** The base URL (without `/engines`); for the socket form `http://localhost/exp/vDD4.40`. */
  readonly baseUrl: string;
  /** The UNIX socket to dial, for the socket form. */
  readonly socketPath?: string;
  /** What to tell the user: e.g. `MODEL_RUNNER_HOST=http://host:12434`. */
  readonly label: string;
}

/** Where Model Runner was found: the candidate that answered. */
export type ModelRunnerLocation = ModelRunnerCandidate;

/** Docker Desktop's prefix for Model Runner on the Docker socket (`ExperimentalEndpointsPrefix`). */
export const DESKTOP_SOCKET_PREFIX = '/exp/vDD4.40';

/** Model Runner's TCP port on Docker Engine and on Docker Desktop with TCP enabled. */
export const DEFAULT_PORT = 12434;
