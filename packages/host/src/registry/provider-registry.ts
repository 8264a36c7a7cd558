import {
  collectStream,
  ContributionConflictError,
  ProviderNotFoundError,
  ProviderUnsupportedError,
  type ChatRequest,
  type ChatResponse,
  type EmbedRequest,
  type EmbedResponse,
  type Logger,
  type ModelInfo,
  type Provider,
  type ProviderCallOptions,
  type ProviderRequestInfo,
  type StreamPart,
  type WireChunkText,
  type WireStreamOptions,
} from '@berth/sdk';
import type { EventBus } from '../api/events/event-bus.js';
import type { HookEngine } from '../api/hooks/hook-engine.js';
import { checkPublishedId, contributionId, publishedId } from './contribution-id.js';
import { splitModelId } from './provider-route.js';

/** A registered provider, as listed. */
export interface ProviderInfo {
  /** Its published id, `<plugin>/<name>` (or the user's alias). */
  readonly id: string;
  /** The plugin that registered it. */
  readonly plugin: string;
  /** The provider's own name. */
  readonly name: string;
}

/** A model of some provider, under the id callers use. */
export interface RoutedModel extends ModelInfo {
  /** `<plugin>/<model>` — what `chat`, `stream` and `embed` take. */
  readonly id: string;
  /** The provider's own id for the model. */
  readonly providerModel: string;
  /** The plugin that serves it. */
  readonly plugin: string;
  /** The provider's name. */
  readonly provider: string;
}

/** Options of {@link ProviderRegistry}. */
export interface ProviderRegistryOptions {
  /** The hook engine (`provider:beforeRequest` transformers, `provider:afterResponse` observers). */
  readonly hooks: HookEngine;
  /** Where `contribution:added` / `contribution:removed` are emitted, if anywhere. */
  readonly events?: EventBus;
  /** The user's aliases (`HostConfig.aliases`): `<plugin>/<name>` → published provider id. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Where providers that fail to list their models are logged. */
  readonly logger?: Logger;
}

/** A provider as declared in a manifest's `contributes.providers`, before its plugin runs (lazy activation). */
export interface DeclaredProvider {
  /** The provider's name within its plugin. */
  readonly name: string;
  /** The models it serves, when known in advance (listed without starting the plugin). */
  readonly models?: readonly string[];
}

interface Entry {
  readonly info: ProviderInfo;
  /** Set for a registered provider. */
  readonly provider?: Provider;
  /** Set for a declared one: its models and what starts its plugin (once; cleared when it fails). */
  readonly declared?: { readonly models: readonly string[]; readonly activate: () => Promise<void>; activation?: Promise<void> };
}

/** A registered entry. */
type Registered = Entry & { readonly provider: Provider };

/** A request a plugin's provider will answer, after routing. */
interface Routed {
  readonly entry: Registered;
  readonly model: string;
  readonly id: string;
}

/**
 * The provider registry: providers per plugin under `<plugin>/<name>`, and model routing — `"<plugin>/<model>"`
 * goes to that plugin's provider with the bare model id, wrapped in the provider hooks.
 */
export class ProviderRegistry {
  readonly #hooks: HookEngine;
  readonly #events: EventBus | undefined;
  readonly #aliases: Readonly<Record<string, string>>;
  readonly #logger: Logger | undefined;
  readonly #byId = new Map<string, Entry>();
  readonly #declarations = new Map<string, Entry>();

  /** @param options - hooks, events, aliases, logger */
  constructor(options: ProviderRegistryOptions) {
    this.#hooks = options.hooks;
    this.#events = options.events;
    this.#aliases = options.aliases ?? {};
    this.#logger = options.logger;
  }

  /** Registers `plugin`'s provider; returns its removal. Throws `ContributionConflictError` naming both plugins. */
  register(plugin: string, provider: Provider): () => void {
    if (typeof provider?.chat !== 'function' || typeof provider.listModels !== 'function' || typeof provider.stream !== 'function') {
      throw new TypeError(`plugin '${plugin}': a provider needs listModels(), chat() and stream() methods`);
    }
    const entry: Entry = { info: this.#info(plugin, provider.name), provider };
    this.#claim(entry);
    return () => this.#remove(entry);
  }

  /**
   * Throws what `register(plugin, provider)` would throw if `plugin` held none of its ids yet; registers nothing.
   * A reload's new generation checks each provider with it before the switch (see `reload/staged-context.ts`).
   */
  check(plugin: string, provider: Provider): void {
    if (typeof provider?.chat !== 'function' || typeof provider.listModels !== 'function' || typeof provider.stream !== 'function') {
      throw new TypeError(`plugin '${plugin}': a provider needs listModels(), chat() and stream() methods`);
    }
    const info = this.#info(plugin, provider.name);
    const holder = this.#byId.get(info.id);
    if (holder !== undefined && holder.info.plugin !== plugin) throw new ContributionConflictError('provider', info.id, plugin, holder.info.plugin, `${plugin}/${info.name}`);
  }

  /**
   * Declares a provider of a plugin that is not started yet: its declared models are listed at once, and the first
   * request routed to it runs `activate` (which starts the plugin, whose `register` replaces the declaration).
   * Returns the removal of the declaration.
   */
  declare(plugin: string, provider: DeclaredProvider, activate: () => Promise<void>): () => void {
    const entry: Entry = { info: this.#info(plugin, provider.name), declared: { models: [...(provider.models ?? [])], activate } };
    this.#claim(entry);
    this.#declarations.set(entry.info.id, entry);
    return () => {
      if (this.#declarations.get(entry.info.id) === entry) this.#declarations.delete(entry.info.id);
      this.#remove(entry);
    };
  }

  #info(plugin: string, name: string): ProviderInfo {
    const id = publishedId(contributionId(plugin, 'provider', name), this.#aliases);
    checkPublishedId(plugin, 'provider', id);
    return { id, plugin, name };
  }

  /** Takes the entry's id (a registration replaces its own plugin's declaration), or throws the conflict. */
  #claim(entry: Entry): void {
    const { id, plugin, name } = entry.info;
    const holder = this.#byId.get(id);
    const replacesDeclaration = holder?.declared !== undefined && holder.info.plugin === plugin && entry.provider !== undefined;
    if (holder !== undefined && !replacesDeclaration) throw new ContributionConflictError('provider', id, plugin, holder.info.plugin, `${plugin}/${name}`);
    this.#byId.set(id, entry);
    if (!replacesDeclaration) this.#events?.emitHost('contribution:added', { kind: 'provider', id, plugin });
  }

  /** Removes every provider `plugin` registered (when it stops). Its declarations come back, ready to start it again. */
  unregisterAll(plugin: string): void {
    for (const entry of [...this.#byId.values()]) if (entry.info.plugin === plugin && entry.provider !== undefined) this.#remove(entry);
  }

  /** Removes every declaration of `plugin` (when it is disabled or uninstalled). */
  undeclareAll(plugin: string): void {
    for (const [id, entry] of [...this.#declarations]) {
      if (entry.info.plugin !== plugin) continue;
      this.#declarations.delete(id);
      this.#remove(entry);
    }
  }

  /** Every provider, sorted by id. */
  list(): ProviderInfo[] {
    return [...this.#byId.values()].map((e) => e.info).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Every model of every provider as `<plugin>/<model>`. A provider that fails to answer is logged and left out. */
  async listModels(options: { readonly signal?: AbortSignal } = {}): Promise<RoutedModel[]> {
    const lists = await Promise.all([...this.#byId.values()].map((entry) => this.#modelsOf(entry, options.signal)));
    return lists.flat().sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Answers a chat request for `<plugin>/<model>` (the request's own `model` is replaced). */
  async chat(modelId: string, request: Omit<ChatRequest, 'model'>, options: ProviderCallOptions = {}): Promise<ChatResponse> {
    const route = await this.#route(modelId);
    const info = await this.#before({ operation: 'chat', ...this.#facts(route), request: { ...request, model: route.model } });
    return this.#observe(info, () => route.entry.provider.chat(info.request as ChatRequest, options));
  }

  /** Streams a chat answer for `<plugin>/<model>`; `provider:afterResponse` sees the collected answer at the end. */
  async *stream(modelId: string, request: Omit<ChatRequest, 'model'>, options: ProviderCallOptions = {}): AsyncGenerator<StreamPart> {
    const route = await this.#route(modelId);
    const info = await this.#before({ operation: 'stream', ...this.#facts(route), request: { ...request, model: route.model } });
    const started = performance.now();
    const observed = this.#hooks.count('provider:afterResponse') > 0;
    const parts: StreamPart[] = [];
    try {
      for await (const part of route.entry.provider.stream(info.request as ChatRequest, options)) {
        if (observed) parts.push(part);
        yield part;
      }
    } catch (error) {
      if (observed) await this.#hooks.notify('provider:afterResponse', { ...info, durationMs: performance.now() - started, error: errorFacts(error) });
      throw error;
    }
    if (observed) {
      const response = await collectStream(parts, { model: route.model });
      await this.#hooks.notify('provider:afterResponse', { ...info, durationMs: performance.now() - started, response });
    }
  }

  /**
   * The provider's own OpenAI chunks for `<plugin>/<model>` (`Provider.streamWire`), or undefined when `stream` must
   * answer instead: the provider has none, or `provider:beforeRequest` / `provider:afterResponse` hooks are
   * registered (they see and change typed requests and answers).
   */
  async streamWire(modelId: string, request: Omit<ChatRequest, 'model'>, options: WireStreamOptions = {}): Promise<AsyncIterable<WireChunkText> | undefined> {
    if (this.#hooks.count('provider:beforeRequest') > 0 || this.#hooks.count('provider:afterResponse') > 0) return undefined;
    const route = await this.#route(modelId);
    const provider = route.entry.provider;
    if (typeof provider.streamWire !== 'function') return undefined;
    return provider.streamWire({ ...request, model: route.model } as ChatRequest, options);
  }

  /** Embeds texts with `<plugin>/<model>`; `ProviderUnsupportedError` when the provider cannot. */
  async embed(modelId: string, request: Omit<EmbedRequest, 'model'>, options: ProviderCallOptions = {}): Promise<EmbedResponse> {
    const route = await this.#route(modelId);
    const embed = route.entry.provider.embed;
    if (typeof embed !== 'function') {
      throw new ProviderUnsupportedError({ serverMessage: 'this provider has no embed()', provider: route.entry.info.name, plugin: route.entry.info.plugin, model: route.model });
    }
    const info = await this.#before({ operation: 'embed', ...this.#facts(route), request: { ...request, model: route.model } });
    return this.#observe(info, () => embed.call(route.entry.provider, info.request as EmbedRequest, options));
  }

  /** Finds the provider for `<plugin>/<model>`: the plugin's only provider, or the one listing the model. */
  async #route(id: string, activated = false): Promise<Routed> {
    const split = splitModelId(id);
    const candidates = split === undefined ? [] : [...this.#byId.values()].filter((e) => e.info.plugin === split.plugin);
    if (split === undefined || candidates.length === 0) throw new ProviderNotFoundError(id, [...new Set(this.list().map((p) => p.plugin))]);
    let chosen = candidates[0] as Entry;
    if (candidates.length > 1) {
      for (const entry of candidates) {
        if ((await this.#modelsOf(entry)).some((m) => m.providerModel === split.model)) {
          chosen = entry;
          break;
        }
      }
    }
    if (chosen.provider !== undefined) return { entry: chosen as Registered, model: split.model, id };
    if (activated) throw new ProviderNotFoundError(id, [...new Set(this.list().map((p) => p.plugin))]);
    await this.#activate(chosen);
    return this.#route(id, true);
  }

  /** Starts a declared provider's plugin (once for concurrent requests; retried after a failure). */
  async #activate(entry: Entry): Promise<void> {
    const declared = entry.declared;
    if (declared === undefined) return;
    try {
      declared.activation ??= declared.activate();
      await declared.activation;
    } catch (error) {
      declared.activation = undefined;
      throw error;
    }
  }

  #facts(route: Routed): { model: string; plugin: string; provider: string } {
    return { model: route.id, plugin: route.entry.info.plugin, provider: route.entry.info.name };
  }

  /** Runs the `provider:beforeRequest` transformers; the model stays the routed one whatever they return. */
  async #before<I extends ProviderRequestInfo>(info: I): Promise<I> {
    if (this.#hooks.count('provider:beforeRequest') === 0) return info;
    const request = await this.#hooks.transform('provider:beforeRequest', info);
    return { ...info, request: { ...request, model: info.request.model } };
  }

  /** Runs a call, then tells the `provider:afterResponse` observers how it went. */
  async #observe<R extends ChatResponse | EmbedResponse>(info: ProviderRequestInfo, run: () => Promise<R>): Promise<R> {
    if (this.#hooks.count('provider:afterResponse') === 0) return run();
    const started = performance.now();
    try {
      const response = await run();
      await this.#hooks.notify('provider:afterResponse', { ...info, durationMs: performance.now() - started, response });
      return response;
    } catch (error) {
      await this.#hooks.notify('provider:afterResponse', { ...info, durationMs: performance.now() - started, error: errorFacts(error) });
      throw error;
    }
  }

  async #modelsOf(entry: Entry, signal?: AbortSignal): Promise<RoutedModel[]> {
    try {
      const models: readonly ModelInfo[] =
        entry.provider !== undefined
          ? await entry.provider.listModels(signal !== undefined ? { signal } : undefined)
          : (entry.declared?.models ?? []).map((id) => ({ id }));
      return models.map((m) => ({ ...m, id: `${entry.info.plugin}/${m.id}`, providerModel: m.id, plugin: entry.info.plugin, provider: entry.info.name }));
    } catch (error) {
      this.#logger?.warn({ err: error, plugin: entry.info.plugin }, `provider '${entry.info.id}' could not list its models`);
      return [];
    }
  }

  #remove(entry: Entry): void {
    if (this.#byId.get(entry.info.id) !== entry) return;
    const declaration = this.#declarations.get(entry.info.id);
    if (declaration?.declared !== undefined && declaration !== entry) {
      declaration.declared.activation = undefined;
      this.#byId.set(entry.info.id, declaration);
      return;
    }
    this.#byId.delete(entry.info.id);
    this.#events?.emitHost('contribution:removed', { kind: 'provider', id: entry.info.id, plugin: entry.info.plugin });
  }
}

/** The code and message of a failure, as data. */
function errorFacts(error: unknown): { code: string; message: string } {
  const code = (error as { code?: unknown })?.code;
  return { code: typeof code === 'string' ? code : 'ERROR', message: error instanceof Error ? error.message : String(error) };
}
