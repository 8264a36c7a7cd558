import type { HookMap, HookName } from '@berth/sdk';

/** How a hook dispatches: named by what it does. */
export type HookSemantics = 'series' | 'parallel' | 'waterfall' | 'bail';

/** One hook point's rules. */
export interface HookDefinition {
  /** How its handlers run. */
  readonly semantics: HookSemantics;
  /** `closed`: a failing handler fails the dispatch (guards, transformers). `open`: it is logged and skipped. */
  readonly failure: 'open' | 'closed';
  /** The permission a plugin needs to register a handler (hooks that see other plugins' traffic). */
  readonly permission?: string;
  /** For waterfalls: the payload field threaded through the handlers. */
  readonly field?: string;
}

/** The rules of every host hook (see `HookMap` in the SDK for the payloads and the reasons). */
export const HOOK_DEFINITIONS = {
  'tool:beforeCall': { semantics: 'bail', failure: 'closed', permission: 'hooks.tools' },
  'tool:afterCall': { semantics: 'waterfall', failure: 'closed', permission: 'hooks.tools', field: 'result' },
  'provider:beforeRequest': { semantics: 'waterfall', failure: 'closed', permission: 'hooks.providers', field: 'request' },
  'provider:afterResponse': { semantics: 'parallel', failure: 'open', permission: 'hooks.providers' },
  'plugin:stateChanged': { semantics: 'series', failure: 'open' },
} as const satisfies Record<HookName, HookDefinition>;

/** Hooks that thread a value through their handlers. */
export type WaterfallHookName = 'tool:afterCall' | 'provider:beforeRequest';

/** Hooks whose handlers only observe. */
export type ObserverHookName = 'provider:afterResponse' | 'plugin:stateChanged';

/** The value a waterfall hook threads: its handlers' result type without `undefined`. */
export type WaterfallValue<K extends WaterfallHookName> = NonNullable<HookMap[K]['result']>;

/** True when `name` is one of the host's hook points. */
export function isHookName(name: unknown): name is HookName {
  return typeof name === 'string' && Object.hasOwn(HOOK_DEFINITIONS, name);
}
