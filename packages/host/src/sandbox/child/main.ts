/**
 * The entry of a sandboxed plugin's process (run from `packages/host/dist`). Opens the channel on fd 3, then
 * waits for `plugin/start`: imports the plugin's `main`, calls `initialize` with a proxy context and answers once
 * every registration reached the host. Its stdout and stderr are the plugin's log.
 */
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import type { PluginDefinition, ToolProgress } from '@berth/sdk';
import type { CancelToken } from '../../rpc/cancel-token.js';
import { openChannel } from '../../rpc/channel.js';
import { ChildToHostNotice, HEARTBEAT_MS, HostToChild, HostToChildNotice, type InvokeParams, type ProgressParams, type StartParams } from '../../rpc/protocol.js';
import { JsonRpcErrorCodes, ResponseError, toResponseError } from '../../rpc/wire-error.js';
import { definitionOf } from './definition.js';
import { denialOf, reportDenial, setDenialReporter } from './denials.js';
import { HandlerTable } from './handler-table.js';
import { invokeHandler, streamHandler } from './invoke.js';
import { hostLink } from './link.js';
import { createProxyContext } from './proxy-context.js';
import { tierUpForServing } from '../tiering.js';

const CHANNEL_FD = 3;

const socket = new net.Socket({ fd: CHANNEL_FD, readable: true, writable: true });
const connection = openChannel(socket, socket);
const link = hostLink(connection);
const handlers = new HandlerTable();
const progress = new Map<string, (update: ToolProgress) => void>();
const pending = new Set<Promise<unknown>>();
let definition: PluginDefinition | undefined;

setDenialReporter((denial) => link.notify(ChildToHostNotice.denied, denial));

/** Runs a handler; errors go back typed, and permission-model denials are reported for the audit log. */
async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const denial = denialOf(error);
    if (denial !== undefined) reportDenial(denial);
    throw toResponseError(error);
  }
}

let startParams: StartParams | undefined;

/** Replaces, in place, the settings `context.config` reads (the host sends them when they change). */
function replaceConfig(params: unknown): void {
  const next = (params as { config?: unknown } | null)?.config;
  const config = startParams?.config as Record<string, unknown> | undefined;
  if (config === undefined || typeof next !== 'object' || next === null || Array.isArray(next)) return;
  for (const key of Object.keys(config)) delete config[key];
  for (const [key, value] of Object.entries(next)) if (key !== '__proto__' && key !== 'constructor') config[key] = value;
}

async function start(params: StartParams): Promise<null> {
  startParams = params;
  const module = (await import(pathToFileURL(params.main).href)) as { default?: unknown; plugin?: unknown };
  definition = definitionOf(params.name, params.version, params.main, module.default ?? module.plugin);
  const context = createProxyContext(params, { link, handlers, progress, pending });
  await definition.initialize(context);
  await Promise.all([...pending]);
  // Start-up ran on the idle-size budget; the calls to come get V8's faster tier-up.
  tierUpForServing();
  return null;
}

connection.onRequest(HostToChild.start, (params) => answer(() => start(params as StartParams)));
connection.onRequest(HostToChild.dispose, () => answer(async () => (await definition?.dispose?.(), null)));
connection.onRequest(HostToChild.invoke, (params, token: CancelToken): Promise<unknown> =>
  answer(() => invokeHandler(handlers, link, params as InvokeParams, token)),
);
connection.onRequest(HostToChild.stream, (params, token: CancelToken): Promise<unknown> =>
  answer(() => streamHandler(handlers, link, params as InvokeParams, token.signal)),
);
connection.onNotification(HostToChildNotice.configChanged, replaceConfig);
connection.onNotification(HostToChildNotice.callProgress, (params) => {
  const p = params as ProgressParams;
  progress.get(p.token)?.(p.update);
});
connection.onRequest((method: string) => {
  throw new ResponseError(JsonRpcErrorCodes.MethodNotFound, `unknown method ${method}`);
});
connection.onClose(() => process.exit(0));
process.on('uncaughtException', (error) => {
  const denial = denialOf(error);
  if (denial !== undefined) reportDenial(denial);
  process.stderr.write(`uncaught exception in plugin: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(70);
});
connection.listen();
// A first heartbeat at once: the host's watchdog starts with it (Node has started), so a plugin that blocks its
// event loop while importing or initializing is caught too.
link.notify(ChildToHostNotice.heartbeat);
setInterval(() => link.notify(ChildToHostNotice.heartbeat), HEARTBEAT_MS);
