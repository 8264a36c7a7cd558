import type { JsonValue, ToolCallContext } from '@berth/sdk';
import { HostToChild, type RemoteObjectSpec } from '../rpc/protocol.js';
import { splitSignal } from './child/signals.js';
import type { ChildCallOptions, ChildCalls } from './calls.js';
import { stopHookOf } from '../registry/tool-invocation.js';

/** Unwraps a `handler/invoke` answer (`{ v }`, or `{}` for undefined). */
const unwrap = (answer: unknown): JsonValue | undefined => (answer as { v?: JsonValue } | null)?.v;

/** A host-side tool handler that runs the plugin's handler in the child (cancellation and progress forwarded). */
export function remoteToolHandler(calls: ChildCalls, handler: number, tool: string) {
  return async (args: JsonValue, context: ToolCallContext): Promise<JsonValue | undefined> => {
    const what = `tool '${tool}'`;
    // The registry's stop hook where there is one: no AbortController and abort listener per call.
    const onStop = stopHookOf(context);
    const stop: Pick<ChildCallOptions, 'signal' | 'onStop'> = onStop !== undefined ? { onStop } : { signal: context.signal };
    // No progress token when the caller does not listen: the child then sends no progress, and the host keeps no route.
    if (context.progressWanted === false) return unwrap(await calls.request(HostToChild.invoke, { handler, args: [args] }, { what, ...stop }));
    const token = calls.token();
    return unwrap(await calls.request(HostToChild.invoke, { handler, args: [args], token }, { what, ...stop, token, onProgress: (update) => context.progress(update) }));
  };
}

/** A host-side function that calls the plugin's function (hook handler, event listener) in the child. */
export function remoteFunction(calls: ChildCalls, handler: number, what: string) {
  return async (...args: unknown[]): Promise<JsonValue | undefined> => {
    const { args: data, signal, signalArg } = splitSignal(args);
    const params = { handler, args: data, ...(signalArg !== undefined ? { signalArg } : {}) };
    return unwrap(await calls.request(HostToChild.invoke, params, { what, ...(signal !== undefined ? { signal } : {}) }));
  };
}

function remoteStream(calls: ChildCalls, handler: number, member: string, what: string, args: unknown[]): AsyncIterable<JsonValue> {
  return {
    async *[Symbol.asyncIterator]() {
      const queue: JsonValue[] = [];
      let wake: (() => void) | undefined;
      let done = false;
      let failure: unknown;
      const stop = new AbortController();
      const { args: data, signal, signalArg } = splitSignal(args);
      const token = calls.token();
      const onItem = (item: JsonValue): void => {
        queue.push(item);
        wake?.();
      };
      const both = signal !== undefined ? AbortSignal.any([signal, stop.signal]) : stop.signal;
      const params = { handler, member, args: data, token, ...(signalArg !== undefined ? { signalArg } : {}) };
      calls.request(HostToChild.stream, params, { what, signal: both, token, onItem }).then(
        () => { done = true; wake?.(); },
        (error: unknown) => { failure = error; done = true; wake?.(); },
      );
      try {
        while (true) {
          if (queue.length > 0) yield queue.shift() as JsonValue;
          else if (done) break;
          else await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
        if (failure !== undefined) throw failure;
      } finally {
        if (!done) stop.abort();
      }
    },
  };
}

/** A host-side object whose methods run in the child (a provided service, a provider). */
export function remoteObject(calls: ChildCalls, spec: RemoteObjectSpec, what: string): Record<string, unknown> {
  const target: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(spec.data)) target[key] = value;
  for (const member of spec.methods) {
    target[member] = async (...args: unknown[]) => {
      const { args: data, signal, signalArg } = splitSignal(args);
      const params = { handler: spec.handler, member, args: data, ...(signalArg !== undefined ? { signalArg } : {}) };
      return unwrap(await calls.request(HostToChild.invoke, params, { what: `${what}.${member}()`, ...(signal !== undefined ? { signal } : {}) }));
    };
  }
  for (const member of spec.streams) {
    target[member] = (...args: unknown[]) => remoteStream(calls, spec.handler, member, `${what}.${member}()`, args);
  }
  return target;
}
