import type { PluginConfigView } from '../api/config.js';
import type { HookHandler, HookName, HookOptions } from '../api/hooks.js';
import type { ServiceRef } from '../api/services.js';
import type { PluginContext } from '../context.js';
import type { JsonObject, JsonValue } from '../json.js';
import type { PermissionName } from '../permissions/catalogue.js';
import type { DeclaredPermissions, DeclaredSettings, ManifestShape, SettingShape } from './manifest-shape.js';

/** The permission each hook needs (hooks not listed need none). */
export interface HookPermissions {
  /** Needs `hooks.tools`. */
  'tool:beforeCall': 'hooks.tools';
  /** Needs `hooks.tools`. */
  'tool:afterCall': 'hooks.tools';
  /** Needs `hooks.providers`. */
  'provider:beforeRequest': 'hooks.providers';
  /** Needs `hooks.providers`. */
  'provider:afterResponse': 'hooks.providers';
}

/** The hooks a plugin holding permissions `P` may add handlers to. */
export type AllowedHook<P extends PermissionName> = {
  [K in HookName]: K extends keyof HookPermissions ? (HookPermissions[K] extends P ? K : never) : K;
}[HookName];

/** `context.hooks` limited to the hooks the manifest's permissions allow. */
export interface TypedHooksApi<P extends PermissionName> {
  /** Adds a handler; returns its unregister function (see `HooksApi.on`). */
  on<K extends AllowedHook<P>>(name: K, handler: HookHandler<K>, options?: HookOptions): () => void;
}

/** `context.services` accepting only refs that need no permission or one the manifest declares. */
export interface TypedServicesApi<P extends PermissionName> {
  /**
   * Returns the service (see `ServicesApi.get`). A ref needing an undeclared permission does not compile; nor does
   * a ref whose permission its type does not say (create refs as `createServiceRef<Api, 'perm'>`).
   */
  get<T, R extends P | undefined>(ref: ServiceRef<T, R>): T;
  /** Provides a service (see `ServicesApi.provide`). */
  provide<T>(ref: ServiceRef<T>, implementation: T): () => void;
}

type ScalarOf<S extends { readonly type: string; readonly enum?: readonly unknown[] }> = S['enum'] extends readonly (infer E)[]
  ? E
  : S['type'] extends 'string'
    ? string
    : S['type'] extends 'number' | 'integer'
      ? number
      : S['type'] extends 'boolean'
        ? boolean
        : never;

/** The value type of a declared setting. */
export type SettingValue<S extends SettingShape> = S['type'] extends 'array'
  ? S['items'] extends { readonly type: string } ? readonly ScalarOf<S['items']>[] : readonly JsonValue[]
  : S['type'] extends 'object'
    ? JsonObject
    : ScalarOf<S>;

/** Whether a declared setting always has a value (a default, or required). */
type AlwaysSet<S extends SettingShape> = S extends { readonly default: unknown } ? true : S extends { readonly required: true } ? true : false;

/** `context.config` knowing the manifest's settings: undeclared names do not compile, values have their types. */
export interface TypedConfigView<M extends ManifestShape> {
  /** The effective value of one declared setting (undefined only when it has no default and is not set). */
  get<K extends DeclaredSettings<M>>(
    key: K,
  ): M['configuration'] extends { readonly [key: string]: SettingShape }
    ? AlwaysSet<M['configuration'][K]> extends true
      ? SettingValue<M['configuration'][K]>
      : SettingValue<M['configuration'][K]> | undefined
    : never;
  /** Every effective setting. */
  all(): ReturnType<PluginConfigView['all']>;
}

/**
 * The `PluginContext` a plugin with manifest type `M` receives from `definePlugin<M>`: `hooks`, `services` and
 * `config` only offer what `M` declares, so using an undeclared capability is a compile error (the host refuses it
 * at run time anyway).
 */
export type TypedPluginContext<M extends ManifestShape> = Omit<PluginContext, 'hooks' | 'services' | 'config'> & {
  /** Hook points the declared permissions allow. */
  readonly hooks: TypedHooksApi<DeclaredPermissions<M>>;
  /** Service injection, limited to refs the declared permissions allow. */
  readonly services: TypedServicesApi<DeclaredPermissions<M>>;
  /** The declared settings. */
  readonly config: TypedConfigView<M>;
};

/** A plugin definition whose `initialize` receives the manifest-typed context. */
export interface TypedPluginDefinition<M extends ManifestShape> {
  /** Optional: the manifest's name, checked when present. */
  readonly name?: string;
  /** Optional: the manifest's version, checked when present. */
  readonly version?: string;
  /** Called once when the plugin starts. */
  initialize(context: TypedPluginContext<M>): void | Promise<void>;
  /** Called once when the plugin stops. */
  dispose?(): void | Promise<void>;
}
