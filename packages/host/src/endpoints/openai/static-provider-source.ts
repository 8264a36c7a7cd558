import { ModelNotFoundError, ProviderUnsupportedError } from '@berth/sdk';
import type { ChatRequest, EmbedRequest, Provider, ProviderCallOptions, StreamPart, WireChunkText, WireStreamOptions } from '@berth/sdk';
import type { ProviderSource, SourceModel } from './provider-source.js';

/** The provider of `<plugin>/<model>` and the bare model id. */
function route(providers: Readonly<Record<string, Provider>>, id: string): { provider: Provider; plugin: string; model: string } {
  const slash = id.indexOf('/');
  const plugin = slash > 0 ? id.slice(0, slash) : '';
  const provider = providers[plugin];
  if (provider === undefined || slash === id.length - 1) {
    const known = Object.keys(providers).map((p) => `'${p}/…'`).join(', ') || 'none';
    throw new ModelNotFoundError({
      serverMessage: `no provider serves model '${id}'`,
      model: id,
      hint: `use a '<plugin>/<model>' id (providers: ${known}); GET /v1/models lists them`,
    });
  }
  return { provider, plugin, model: id.slice(slash + 1) };
}

/**
 * An in-process {@link ProviderSource} over providers keyed by plugin name (no hooks): for tests, benchmarks and
 * embedding the endpoint without a host. The host's `ProviderRegistry` is the full one.
 */
export function createStaticProviderSource(providers: Readonly<Record<string, Provider>>): ProviderSource {
  return {
    async listModels(options = {}) {
      const lists = await Promise.all(
        Object.entries(providers).map(async ([plugin, provider]): Promise<SourceModel[]> => {
          const models = await provider.listModels(options.signal !== undefined ? { signal: options.signal } : undefined);
          return models.map((m) => ({ ...m, id: `${plugin}/${m.id}`, plugin }));
        }),
      );
      return lists.flat();
    },
    chat(id: string, request: Omit<ChatRequest, 'model'>, options?: ProviderCallOptions) {
      const r = route(providers, id);
      return r.provider.chat({ ...request, model: r.model }, options);
    },
    stream(id: string, request: Omit<ChatRequest, 'model'>, options?: ProviderCallOptions): AsyncIterable<StreamPart> {
      const r = route(providers, id);
      return r.provider.stream({ ...request, model: r.model }, options);
    },
    async streamWire(id: string, request: Omit<ChatRequest, 'model'>, options?: WireStreamOptions): Promise<AsyncIterable<WireChunkText> | undefined> {
      const r = route(providers, id);
      return typeof r.provider.streamWire === 'function' ? r.provider.streamWire({ ...request, model: r.model }, options) : undefined;
    },
    embed(id: string, request: Omit<EmbedRequest, 'model'>, options?: ProviderCallOptions) {
      const r = route(providers, id);
      if (r.provider.embed === undefined) {
        throw new ProviderUnsupportedError({ serverMessage: 'this provider cannot embed', provider: r.provider.name, plugin: r.plugin, model: r.model });
      }
      return r.provider.embed({ ...request, model: r.model }, options);
    },
  };
}
