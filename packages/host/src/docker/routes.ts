import { canonicalKeys } from './canonical-keys.js';
import { containerCreatePolicy } from './container-create-policy.js';
import type { CreatePolicyContext } from './container-create-policy.js';
import { DockerPolicyRefusal } from './decision.js';
import { withForcedLabels, scopedFilters } from './labels.js';
import { execCreatePolicy, networkCreatePolicy, volumeCreatePolicy } from './object-create-policy.js';

type Json = Record<string, unknown>;

/** What a route may change before the request is forwarded. */
export interface RouteOutcome {
  /** The query to forward instead of the original. */
  readonly query?: URLSearchParams;
  /** Rewrites the JSON body (the body is then buffered, checked and re-encoded). */
  readonly body?: (body: Json) => Promise<Json> | Json;
  /**
   * Streams the body through unchanged (archives, build contexts, exec start). Without `body` or `stream`, any body
   * is dropped: engines read legacy settings from some bodies (a `HostConfig` on start for API < 1.24).
   */
  readonly stream?: true;
}

/** A request as the routes see it. */
export interface RouteRequest {
  /** The HTTP method. */
  readonly method: string;
  /** The path without the `/v1.xx` prefix and without the query. */
  readonly path: string;
  /** The query. */
  readonly query: URLSearchParams;
}

/** One allowed endpoint: method, path pattern and its check. */
interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly check: (match: RegExpExecArray, request: RouteRequest, context: CreatePolicyContext) => Promise<RouteOutcome> | RouteOutcome;
}

const ID = '([^/]+)';
/** Image names hold slashes (`registry:5000/team/app:tag`). */
const IMAGE = '(.+)';

/** A route forwarded as is. */
const pass = (): RouteOutcome => ({});

/** A route whose `filters` query gets the plugin's label. */
const scoped = (request: RouteRequest, context: CreatePolicyContext): RouteOutcome => {
  const query = new URLSearchParams(request.query);
  query.set('filters', scopedFilters(request.query.get('filters'), context.plugin));
  return { query };
};

/** `POST /images/create`: pulls only (no import from a URL or from the request body). */
function pullOnly(request: RouteRequest): RouteOutcome {
  if (request.query.has('fromSrc') || !request.query.has('fromImage')) {
    throw new DockerPolicyRefusal('importing an image (fromSrc)', 'only pulls (fromImage) are allowed; build images instead');
  }
  return {};
}

/** Refuses naming an image `reference` when that name belongs to an image the plugin did not build. */
async function assertNameFree(reference: string, context: CreatePolicyContext): Promise<void> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/.test(reference)) throw new DockerPolicyRefusal(`the image name '${reference}'`, 'it is not a valid image reference', 400);
  try {
    await context.owners.assertOwned('image', reference);
  } catch (error) {
    if (!(error instanceof DockerPolicyRefusal)) throw error;
    throw new DockerPolicyRefusal(`naming an image '${reference}'`, `that name belongs to an image plugin '${context.plugin}' did not build; choose a name of its own`);
  }
}

/** `POST /build`: forces the labels on the built image; no remote contexts, host networking, cgroup parents, BuildKit sessions, or names of others' images. */
async function buildPolicy(request: RouteRequest, context: CreatePolicyContext): Promise<RouteOutcome> {
  if (request.query.getAll('remote').some((v) => v !== '')) throw new DockerPolicyRefusal('a build from a remote context (remote)', 'send the context as the request body');
  if (request.query.getAll('networkmode').some((v) => v === 'host' || v.startsWith('container:'))) {
    throw new DockerPolicyRefusal('a build with host networking (networkmode)', "build steps may not join the host's network namespace");
  }
  if (request.query.getAll('version').some((v) => v === '2')) throw new DockerPolicyRefusal('a BuildKit build (version=2)', 'BuildKit sessions are not forwarded; use the classic builder');
  if (request.query.getAll('cgroupparent').some((v) => v !== '')) throw new DockerPolicyRefusal('a build with a cgroup parent (cgroupparent)', 'build steps stay in the engine-managed cgroup');
  for (const tag of request.query.getAll('t')) await assertNameFree(tag, context);
  const labels = request.query.get('labels');
  const query = new URLSearchParams(request.query);
  query.set('labels', JSON.stringify(withForcedLabels(labels !== null && labels !== '' ? JSON.parse(labels) : {}, context.plugin)));
  return { query };
}

/** The container's actions a plugin may take on the containers it created. */
const CONTAINER_ACTIONS = 'start|stop|restart|kill|pause|unpause|wait|attach|resize|rename|logs|stats|top|changes|export|json';

/** The allow-list. Anything not here is refused. */
const ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/_ping$/, check: pass },
  { method: 'HEAD', pattern: /^\/_ping$/, check: pass },
  { method: 'GET', pattern: /^\/version$/, check: pass },
  { method: 'GET', pattern: /^\/info$/, check: pass },
  { method: 'GET', pattern: /^\/system\/df$/, check: pass },
  // containers
  { method: 'GET', pattern: /^\/containers\/json$/, check: (_m, r, c) => scoped(r, c) },
  { method: 'POST', pattern: /^\/containers\/create$/, check: (_m, _r, c) => ({ body: (b) => containerCreatePolicy(b, c) }) },
  { method: 'POST', pattern: /^\/containers\/prune$/, check: (_m, r, c) => scoped(r, c) },
  { method: 'GET', pattern: new RegExp(`^/containers/${ID}/(?:${CONTAINER_ACTIONS})$`), check: owned('container') },
  { method: 'POST', pattern: new RegExp(`^/containers/${ID}/(?:${CONTAINER_ACTIONS})$`), check: owned('container') },
  { method: 'GET', pattern: new RegExp(`^/containers/${ID}/archive$`), check: owned('container') },
  { method: 'HEAD', pattern: new RegExp(`^/containers/${ID}/archive$`), check: owned('container') },
  { method: 'PUT', pattern: new RegExp(`^/containers/${ID}/archive$`), check: streamed(owned('container')) },
  { method: 'DELETE', pattern: new RegExp(`^/containers/${ID}$`), check: owned('container') },
  {
    method: 'POST',
    pattern: new RegExp(`^/containers/${ID}/exec$`),
    check: async (m, _r, c) => {
      await c.owners.assertOwned('container', m[1] ?? '');
      return { body: execCreatePolicy };
    },
  },
  // exec instances
  { method: 'POST', pattern: new RegExp(`^/exec/${ID}/start$`), check: streamed(ownedExec) },
  { method: 'POST', pattern: new RegExp(`^/exec/${ID}/resize$`), check: ownedExec },
  { method: 'GET', pattern: new RegExp(`^/exec/${ID}/json$`), check: ownedExec },
  // images: reading and pulling any; building labelled; tagging and removing only the plugin's
  { method: 'GET', pattern: /^\/images\/json$/, check: pass },
  { method: 'GET', pattern: new RegExp(`^/images/${IMAGE}/(?:json|history)$`), check: pass },
  { method: 'POST', pattern: /^\/images\/create$/, check: (_m, r) => pullOnly(r) },
  { method: 'POST', pattern: /^\/build$/, check: streamed((_m, r, c) => buildPolicy(r, c)) },
  {
    method: 'POST',
    pattern: new RegExp(`^/images/${IMAGE}/tag$`),
    check: async (m, r, c) => {
      await c.owners.assertOwned('image', m[1] ?? '');
      const repo = r.query.get('repo') ?? '';
      await assertNameFree(`${repo}:${r.query.get('tag') || 'latest'}`, c);
      return {};
    },
  },
  { method: 'DELETE', pattern: new RegExp(`^/images/${IMAGE}$`), check: owned('image') },
  { method: 'POST', pattern: /^\/images\/prune$/, check: (_m, r, c) => scoped(r, c) },
  // networks
  { method: 'GET', pattern: /^\/networks$/, check: (_m, r, c) => scoped(r, c) },
  { method: 'GET', pattern: new RegExp(`^/networks/${ID}$`), check: owned('network') },
  { method: 'POST', pattern: /^\/networks\/create$/, check: (_m, _r, c) => ({ body: (b) => networkCreatePolicy(b, c.plugin, c.runLabels) }) },
  { method: 'DELETE', pattern: new RegExp(`^/networks/${ID}$`), check: owned('network') },
  {
    method: 'POST',
    pattern: new RegExp(`^/networks/${ID}/(?:connect|disconnect)$`),
    check: async (m, _r, c) => {
      await c.owners.assertOwned('network', m[1] ?? '');
      return {
        body: async (raw) => {
          const b = canonicalKeys(raw, ['Container'], '');
          if (typeof b['Container'] !== 'string' || b['Container'] === '') throw new DockerPolicyRefusal('a network attachment without a container (Container)', 'name the container', 400);
          await c.owners.assertOwned('container', encodeURIComponent(b['Container']));
          return b;
        },
      };
    },
  },
  { method: 'POST', pattern: /^\/networks\/prune$/, check: (_m, r, c) => scoped(r, c) },
  // volumes
  { method: 'GET', pattern: /^\/volumes$/, check: (_m, r, c) => scoped(r, c) },
  { method: 'GET', pattern: new RegExp(`^/volumes/${ID}$`), check: owned('volume') },
  { method: 'POST', pattern: /^\/volumes\/create$/, check: (_m, _r, c) => ({ body: (b) => volumeCreatePolicy(b, c.plugin) }) },
  { method: 'DELETE', pattern: new RegExp(`^/volumes/${ID}$`), check: owned('volume') },
  { method: 'POST', pattern: /^\/volumes\/prune$/, check: (_m, r, c) => scoped(r, c) },
];

/** A check whose request body is streamed through unchanged. */
function streamed(check: Route['check']): Route['check'] {
  return async (match, request, context) => ({ ...(await check(match, request, context)), stream: true });
}

/** A check that the object named by the first path group is the plugin's. */
function owned(kind: 'container' | 'image' | 'network' | 'volume'): Route['check'] {
  return async (match, _request, context) => {
    await context.owners.assertOwned(kind, match[1] ?? '');
    return {};
  };
}

/** A check that the container behind the exec in the first path group is the plugin's. */
async function ownedExec(match: RegExpExecArray, _request: RouteRequest, context: CreatePolicyContext): Promise<RouteOutcome> {
  await context.owners.assertExecOwned(match[1] ?? '');
  return {};
}

/** Finds the route of a request and runs its check; refuses anything not on the allow-list. */
export async function authorize(request: RouteRequest, context: CreatePolicyContext): Promise<RouteOutcome> {
  for (const route of ROUTES) {
    if (route.method !== request.method) continue;
    const match = route.pattern.exec(request.path);
    if (match !== null) return route.check(match, request, context);
  }
  throw new DockerPolicyRefusal(`${request.method} ${request.path}`, 'this Docker API endpoint is not on the allow-list of the docker.access policy');
}
