import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PORT, DESKTOP_SOCKET_PREFIX } from './location.js';
import type { ModelRunnerCandidate } from './location.js';

/** Where to look for Model Runner; every field is injectable (tests, unusual setups). */
export interface DiscoveryOptions {
  /** The `base_url` setting, when set: used alone. */
  readonly baseUrl?: string;
  /** The environment to read `MODEL_RUNNER_HOST` from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The host of the default TCP candidate (default `localhost`). */
  readonly defaultHost?: string;
  /** The port of the default TCP candidate (default 12434). */
  readonly defaultPort?: number;
  /** Docker Desktop sockets to try (default `~/.docker/run/docker.sock`); `[]` skips the socket form. */
  readonly socketPaths?: readonly string[];
  /** The in-container host (default `http://model-runner.docker.internal`); `null` skips it. */
  readonly containerUrl?: string | null;
  /** How long each probe may take, in milliseconds (default 1500). */
  readonly probeTimeoutMs?: number;
}

/** `tcp://h:p`, `h:p` or `http://h:p/` → `http://h:p`. */
export function normaliseBaseUrl(value: string): string {
  const trimmed = value.trim().replace(/\/+$/, '');
  const withScheme = /^tcp:\/\//i.test(trimmed)
    ? `http://${trimmed.slice(6)}`
    : /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)
      ? trimmed
      : `http://${trimmed}`;
  return withScheme.replace(/\/engines(\/[^/]+)?\/v1$/, '').replace(/\/v1$/, '');
}

/** The automatic candidates, in order: default port, Docker Desktop socket(s), the in-container host. */
function automaticCandidates(options: DiscoveryOptions): ModelRunnerCandidate[] {
  const host = options.defaultHost ?? 'localhost';
  const port = options.defaultPort ?? DEFAULT_PORT;
  const sockets = options.socketPaths ?? [join(homedir(), '.docker', 'run', 'docker.sock')];
  const container = options.containerUrl === undefined ? 'http://model-runner.docker.internal' : options.containerUrl;
  return [
    { source: 'default-port', baseUrl: `http://${host}:${port}`, label: `http://${host}:${port}` },
    ...sockets.map((socketPath): ModelRunnerCandidate => ({
      source: 'desktop-socket',
      baseUrl: `http://localhost${DESKTOP_SOCKET_PREFIX}`,
      socketPath,
      label: `Docker Desktop socket ${socketPath} (${DESKTOP_SOCKET_PREFIX})`,
    })),
    ...(container !== null ? [{ source: 'container' as const, baseUrl: normaliseBaseUrl(container), label: normaliseBaseUrl(container) }] : []),
  ];
}

/**
 * The places to try, in the documented order. An explicit place (the `base_url` setting, else `MODEL_RUNNER_HOST`)
 * is used alone — the user said where Model Runner is; otherwise the automatic candidates are tried in order.
 */
export function modelRunnerCandidates(options: DiscoveryOptions = {}): ModelRunnerCandidate[] {
  if (options.baseUrl !== undefined && options.baseUrl.trim() !== '') {
    const baseUrl = normaliseBaseUrl(options.baseUrl);
    return [{ source: 'setting', baseUrl, label: `base_url setting ${baseUrl}` }];
  }
  const fromEnv = (options.env ?? process.env)['MODEL_RUNNER_HOST'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const baseUrl = normaliseBaseUrl(fromEnv);
    return [{ source: 'env', baseUrl, label: `MODEL_RUNNER_HOST=${baseUrl}` }];
  }
  return automaticCandidates(options);
}
