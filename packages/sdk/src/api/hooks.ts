import type { JsonObject } from '../json.js';
import type { ToolResult } from './tools.js';

/** What `tool:beforeCall` and `tool:afterCall` handlers see of a call (data only). */
export interface ToolCallInfo {
  /** The namespaced tool id. */
  readonly tool: string;
  /** The plugin that owns the tool. */
  readonly plugin: string;
  /** The validated arguments. */
  readonly args: JsonObject;
}

/** A guard's verdict: deny with a reason, or undefined to let the call through. */
export type GuardVerdict = { readonly deny: true; readonly reason: string } | undefined;

/**
 * The host's hook points: each name maps to its payload and result types. Owned by the API area; the
 * semantics (series, parallel, waterfall, bail) are documented on each hook.
 */
export interface HookMap {
  /** Bail guard, fails closed: the first handler that denies stops the call. */
  'tool:beforeCall': { readonly payload: ToolCallInfo; readonly result: GuardVerdict };
  /** Waterfall: each handler may return a transformed result. */
  'tool:afterCall': { readonly payload: ToolCallInfo & { readonly result: ToolResult }; readonly result: ToolResult | undefined };
}

/** The names of the host's hooks. */
export type HookName = keyof HookMap;

/** A handler for hook `K`. */
export type HookHandler<K extends HookName> = (
  payload: HookMap[K]['payload'],
) => HookMap[K]['result'] | Promise<HookMap[K]['result']>;

/** Where a handler runs among the others. */
export interface HookOptions {
  /** `pre` handlers run before unordered ones, `post` after. */
  readonly order?: 'pre' | 'post';
  /** Run before these plugins' handlers. */
  readonly before?: readonly string[];
  /** Per-handler time limit in milliseconds. */
  readonly timeoutMs?: number;
}

/** `context.hooks`. */
export interface HooksApi {
  /** Adds a handler; returns its unregister function. */
  on<K extends HookName>(name: K, handler: HookHandler<K>, options?: HookOptions): () => void;
}
