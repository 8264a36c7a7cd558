import type { JsonObject } from '../json.js';
import type { ChatRequest, ChatResponse } from '../provider/chat.js';
import type { EmbedRequest, EmbedResponse } from '../provider/embed.js';
import type { PluginStateChange } from './events.js';
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

/** A request on its way to a provider (`provider:beforeRequest`). `request` uses the provider's bare model id. */
export type ProviderRequestInfo =
  | {
      /** Which provider call this is. */
      readonly operation: 'chat' | 'stream';
      /** The `<plugin>/<model>` id the caller asked for. */
      readonly model: string;
      /** The plugin that owns the provider. */
      readonly plugin: string;
      /** The provider's name within its plugin. */
      readonly provider: string;
      /** The request as it will be sent. */
      readonly request: ChatRequest;
    }
  | {
      /** Which provider call this is. */
      readonly operation: 'embed';
      /** The `<plugin>/<model>` id the caller asked for. */
      readonly model: string;
      /** The plugin that owns the provider. */
      readonly plugin: string;
      /** The provider's name within its plugin. */
      readonly provider: string;
      /** The request as it will be sent. */
      readonly request: EmbedRequest;
    };

/** A provider's answer (`provider:afterResponse`): the response, or the error's code and message. */
export type ProviderResponseInfo = ProviderRequestInfo & {
  /** Milliseconds from request to answer (for a stream: to its end). */
  readonly durationMs: number;
  /** The answer (a stream is reported collected), when it succeeded. */
  readonly response?: ChatResponse | EmbedResponse;
  /** The failure, when it failed. */
  readonly error?: { readonly code: string; readonly message: string };
};

/**
 * The host's hook points: each name maps to its payload and result types. How each runs (its semantics):
 *
 * | hook | semantics | on a handler's error or time-out |
 * |---|---|---|
 * | `tool:beforeCall` | bail (guard): the first verdict that denies stops the call | **fails closed**: the call is denied, naming the guard's plugin |
 * | `tool:afterCall` | waterfall: each handler may return a replacement result | fails closed: the call fails with `HookFailedError` |
 * | `provider:beforeRequest` | waterfall: each handler may return a replacement request | fails closed: the request fails with `HookFailedError` |
 * | `provider:afterResponse` | parallel observer | **fails open**: logged with the plugin's name, others still run |
 * | `plugin:stateChanged` | series observer | **fails open**: logged with the plugin's name, others still run |
 *
 * `tool:*` handlers need permission `hooks.tools`, `provider:*` handlers need `hooks.providers`.
 */
export interface HookMap {
  /** Bail guard, fails closed: the first handler that denies stops the call. Needs `hooks.tools`. */
  'tool:beforeCall': { readonly payload: ToolCallInfo; readonly result: GuardVerdict };
  /** Waterfall: each handler may return a transformed result. Needs `hooks.tools`. */
  'tool:afterCall': { readonly payload: ToolCallInfo & { readonly result: ToolResult }; readonly result: ToolResult | undefined };
  /** Waterfall: each handler may return a transformed request. Needs `hooks.providers`. */
  'provider:beforeRequest': { readonly payload: ProviderRequestInfo; readonly result: ChatRequest | EmbedRequest | undefined };
  /** Parallel observer, fails open. Needs `hooks.providers`. */
  'provider:afterResponse': { readonly payload: ProviderResponseInfo; readonly result: void };
  /** Series observer, fails open. */
  'plugin:stateChanged': { readonly payload: PluginStateChange; readonly result: void };
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
  /** Run before these plugins' handlers (of the same hook), whatever their `order`. */
  readonly before?: readonly string[];
  /** Per-handler time limit in milliseconds (default: the host's, 5 000 ms). */
  readonly timeoutMs?: number;
}

/** `context.hooks`. */
export interface HooksApi {
  /**
   * Adds a handler; returns its unregister function. Throws `PermissionDeniedError` when the hook needs a
   * permission (`hooks.tools`, `hooks.providers`) the plugin does not hold. All of a plugin's handlers are removed
   * when it stops.
   */
  on<K extends HookName>(name: K, handler: HookHandler<K>, options?: HookOptions): () => void;
}
