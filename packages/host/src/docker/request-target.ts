import { DockerPolicyRefusal } from './decision.js';

/** A request target split into the API version prefix, the path and the query. */
export interface RequestTarget {
  /** `/v1.41`, or `''` for an unversioned request. */
  readonly version: string;
  /** The path without the version prefix. */
  readonly path: string;
  /** The query. */
  readonly query: URLSearchParams;
}

/** The oldest Engine API minor version (1.x) forwarded. */
export const MIN_API_MINOR = 24;

/** Path spellings the engine's router would clean into another path: refused so what is checked is what runs. */
const AMBIGUOUS = /(^|\/)\.\.?(\/|$)|\/\/|\\|%2e|%2f|%5c|%00/i;

/** Splits and checks a request target such as `/v1.41/containers/json?all=1`. */
export function parseTarget(url: string): RequestTarget {
  if (!url.startsWith('/')) throw new DockerPolicyRefusal(`the request target '${url}'`, 'it is not an absolute path', 400);
  const at = url.indexOf('?');
  const rawPath = at === -1 ? url : url.slice(0, at);
  if (AMBIGUOUS.test(rawPath)) {
    throw new DockerPolicyRefusal(`the path '${rawPath}'`, 'dot segments, doubled or encoded slashes and encoded dots are not accepted', 400);
  }
  if (at !== -1 && url.slice(at + 1).includes(';')) {
    throw new DockerPolicyRefusal('a query holding \';\'', 'older engines split parameters at \';\', past the checked query', 400);
  }
  const version = /^\/v\d+\.\d+(?=\/)/.exec(rawPath)?.[0] ?? '';
  const [major = 0, minor = 0] = version.slice(2).split('.').map(Number);
  if (version !== '' && (major < 1 || (major === 1 && minor < MIN_API_MINOR))) {
    throw new DockerPolicyRefusal(`API version ${version.slice(1)}`, `versions older than 1.${MIN_API_MINOR} read legacy host settings from request bodies (e.g. a HostConfig on start)`, 400);
  }
  return { version, path: rawPath.slice(version.length), query: new URLSearchParams(at === -1 ? '' : url.slice(at + 1)) };
}

/** The target to forward: version prefix, path and (possibly rewritten) query. */
export function formatTarget(target: RequestTarget, query: URLSearchParams = target.query): string {
  const search = query.toString();
  return `${target.version}${target.path}${search !== '' ? `?${search}` : ''}`;
}
