import { createSocketFetch } from './socket-fetch.js';
import type { FetchLike } from './socket-fetch.js';
import type { ModelRunnerLocation } from './location.js';

/** A located Model Runner: where it is, and a `fetch` that reaches it (over TCP or its UNIX socket). */
export interface ModelRunnerConnection {
  /** Where it is and how it was found. */
  readonly location: ModelRunnerLocation;
  /** Reaches it: over TCP, or over the Docker Desktop socket. */
  readonly fetch: FetchLike;
  /** The absolute URL of a path on it, e.g. `url('/models/create')`. */
  url(path: string): string;
  /** The OpenAI-compatible base URL: `<base>/engines/v1`, or `<base>/engines/<engine>/v1`. */
  openAiBaseUrl(engine?: string): string;
}

/** Builds the connection to a location. */
export function connectTo(location: ModelRunnerLocation): ModelRunnerConnection {
  const fetchImpl: FetchLike = location.socketPath !== undefined ? createSocketFetch(location.socketPath) : (input, init) => fetch(input, init);
  const url = (path: string): string => `${location.baseUrl}${path.startsWith('/') ? path : `/${path}`}`;
  return {
    location,
    fetch: fetchImpl,
    url,
    openAiBaseUrl: (engine) => url(engine !== undefined && engine !== '' ? `/engines/${encodeURIComponent(engine)}/v1` : '/engines/v1'),
  };
}
