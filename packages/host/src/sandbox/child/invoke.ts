import type { JsonValue, ToolCallContext, ToolProgress } from '@berth/sdk';
import { ChildToHostNotice, type InvokeParams } from '../../rpc/protocol.js';
import type { CancelToken } from '../../rpc/cancel-token.js';
import type { HandlerTable } from './handler-table.js';
import type { HostLink } from './link.js';
import { joinSignal, toJson } from './signals.js';

/** What `handler/invoke` answers: `{ v }`, or `{}` for `undefined` (a hook's "no change" must stay undefined). */
export type InvokeResult = { readonly v?: JsonValue };

function wrap(value: unknown): InvokeResult {
  // Serialised once, by the channel (functions dropped as JSON drops them).
  return value === undefined ? {} : { v: value as JsonValue };
}

/**
 * Calls the handler the host named; `cancel` is the request's cancellation (its `AbortSignal` is made only when
 * the handler reads `context.signal`). Returns a JSON result.
 */
export async function invokeHandler(
  handlers: HandlerTable,
  link: HostLink,
  params: InvokeParams,
  cancel: CancelToken,
): Promise<InvokeResult> {
  const entry = handlers.resolve(params.handler, params.member);
  if (entry.kind === 'tool') {
    const token = params.token;
    const context: ToolCallContext = {
      get signal(): AbortSignal {
        return cancel.signal;
      },
      progress(update: ToolProgress): void {
        if (token !== undefined) link.notify(ChildToHostNotice.progress, { token, update: toJson(update) });
      },
      // The host sends a token only when its caller listens to progress.
      progressWanted: token !== undefined,
    };
    return wrap(await entry.fn(params.args[0] ?? {}, context));
  }
  if (entry.kind !== 'function') throw new Error(`handler ${params.handler} is an object: name a method`);
  return wrap(await entry.fn(...joinSignal(params.args, cancel.signal, params.signalArg)));
}

/** Calls a method returning an async iterable and forwards each item as a `handler/item` notification. */
export async function streamHandler(
  handlers: HandlerTable,
  link: HostLink,
  params: InvokeParams,
  signal: AbortSignal,
): Promise<null> {
  const entry = handlers.resolve(params.handler, params.member);
  if (entry.kind !== 'function' || params.token === undefined) throw new Error(`handler ${params.handler} cannot stream`);
  const iterable = entry.fn(...joinSignal(params.args, signal, params.signalArg)) as AsyncIterable<unknown>;
  for await (const item of iterable) {
    if (signal.aborted) break;
    link.notify(ChildToHostNotice.item, { token: params.token, item: toJson(item) });
  }
  return null;
}
