import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonObject, JsonValue } from '@berth/sdk';
import type { ControlOperations } from '../../control/types.js';
import type { PluginHost } from '../../lifecycle/plugin-host.js';
import { pendingApprovals } from './approvals.js';
import type { ProcessSampler } from './health/process-sampler.js';
import type { RecentEvents } from './recent-events.js';
import { ConsoleRequestError, answerJson, readJsonObject } from './http-answers.js';

/** What the console's API answers from. */
export interface ConsoleApiDeps {
  /** Every action and most reads: the control plane's operations. */
  readonly ops: ControlOperations;
  /** Schemas (settings, tool inputs) and process facts, read-only. */
  readonly host: PluginHost;
  /** CPU and memory samples of plugin processes. */
  readonly sampler: ProcessSampler;
  /** Recent reloads and crashes, for the health view. */
  readonly recent: RecentEvents;
}

type Params = Record<string, string>;
type Handler = (deps: ConsoleApiDeps, params: Params, req: IncomingMessage, url: URL) => Promise<unknown>;
interface Route {
  readonly method: 'GET' | 'POST';
  readonly pattern: RegExp;
  readonly handle: Handler;
}

const NAME = '([^/]+)';
const body = (req: IncomingMessage): Promise<Record<string, unknown>> => readJsonObject(req);
const text = (value: unknown, what: string): string => {
  if (typeof value !== 'string' || value === '') throw new ConsoleRequestError(`'${what}' must be a non-empty string`);
  return value;
};
const scope = (value: unknown): { scope?: string[] } =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? { scope: value as string[] } : {};

/** The console's JSON API under `/console/api/`: each action is one control operation. */
const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^plugins$/,
    // With each manifest's description (read from the host; the list itself is the operation's).
    handle: async ({ ops, host }) =>
      (await ops.listPlugins()).map((p) => {
        const description = host.manifestOf(p.name)?.description;
        return description !== undefined ? { ...p, description } : p;
      }),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^plugins/${NAME}$`),
    handle: async ({ ops }, { a }) => ({ ...(await ops.inspectPlugin(a!)), permissions: (await ops.listPermissions(a))[0] }),
  },
  { method: 'POST', pattern: new RegExp(`^plugins/${NAME}/enable$`), handle: ({ ops }, { a }) => ops.enablePlugin(a!) },
  { method: 'POST', pattern: new RegExp(`^plugins/${NAME}/disable$`), handle: ({ ops }, { a }) => ops.disablePlugin(a!) },
  { method: 'POST', pattern: new RegExp(`^plugins/${NAME}/reload$`), handle: ({ ops }, { a }) => ops.reloadPlugin(a!) },
  { method: 'GET', pattern: /^approvals$/, handle: async ({ ops }) => pendingApprovals(await ops.listPlugins()) },
  { method: 'GET', pattern: /^permissions$/, handle: ({ ops }) => ops.listPermissions() },
  {
    method: 'POST',
    pattern: new RegExp(`^plugins/${NAME}/grant$`),
    handle: async ({ ops }, { a }, req) => {
      const b = await body(req);
      return ops.grantPermission(a!, {
        ...(b['permission'] !== undefined ? { permission: text(b['permission'], 'permission') } : {}),
        ...scope(b['scope']),
        ...(b['force'] === true ? { force: true } : {}),
      });
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^plugins/${NAME}/revoke$`),
    handle: async ({ ops }, { a }, req) => {
      const b = await body(req);
      return ops.revokePermission(a!, { ...(b['permission'] !== undefined ? { permission: text(b['permission'], 'permission') } : {}), ...scope(b['scope']) });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^settings/${NAME}$`),
    handle: async ({ ops, host }, { a }) => ({ settings: await ops.listSettings(a!), configuration: host.settingsSchemaOf(a!).configuration }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^settings/${NAME}/${NAME}$`),
    handle: async ({ ops }, { a, b: key }, req) => {
      const b = await body(req);
      if (b['unset'] === true) return ops.unsetSetting(a!, key!);
      if (!('value' in b)) throw new ConsoleRequestError("send { value } or { unset: true }");
      return ops.setSetting(a!, key!, { value: b['value'] as JsonValue });
    },
  },
  {
    method: 'GET',
    pattern: /^tools$/,
    handle: async ({ ops, host }) => {
      const listing = await ops.listTools();
      return { ...listing, tools: listing.tools.map((t) => ({ ...t, inputSchema: host.api.tools.get(t.id)?.inputSchema ?? { type: 'object' } })) };
    },
  },
  {
    method: 'POST',
    pattern: /^tools\/call$/,
    handle: async ({ ops }, _p, req) => {
      const b = await body(req);
      const args = b['args'] ?? {};
      if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new ConsoleRequestError("'args' must be a JSON object");
      return ops.callTool(text(b['id'], 'id'), args as JsonObject, { timeoutMs: 60_000 });
    },
  },
  {
    method: 'GET',
    pattern: /^audit$/,
    handle: ({ ops }, _p, _r, url) => {
      const plugin = url.searchParams.get('plugin');
      const limit = Number(url.searchParams.get('limit') ?? '200');
      return ops.queryAudit({
        ...(plugin !== null && plugin !== '' ? { plugin } : {}),
        ...(url.searchParams.get('decision') === 'denied' ? { denied: true } : {}),
        limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, 2000) : 200,
      });
    },
  },
  { method: 'GET', pattern: new RegExp(`^logs/${NAME}$`), handle: ({ ops }, { a }) => ops.readLogs(a!, { limit: 200 }) },
  { method: 'GET', pattern: /^health$/, handle: async ({ sampler, recent }) => ({ plugins: sampler.report(), events: recent.list() }) },
];

/**
 * Answers one API request (already authenticated, and same-origin with a CSRF token when it changes something);
 * resolves false when no route matches.
 */
export async function answerApi(deps: ConsoleApiDeps, path: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  for (const route of ROUTES) {
    if (route.method !== req.method) continue;
    const match = route.pattern.exec(path);
    if (match === null) continue;
    const params: Params = {};
    if (match[1] !== undefined) params['a'] = decodeURIComponent(match[1]);
    if (match[2] !== undefined) params['b'] = decodeURIComponent(match[2]);
    answerJson(res, 200, (await route.handle(deps, params, req, url)) ?? null);
    return true;
  }
  return false;
}
