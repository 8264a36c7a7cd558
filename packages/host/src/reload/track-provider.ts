import type { ChatRequest, EmbedRequest, ListModelsOptions, Provider, ProviderCallOptions, WireStreamOptions } from '@berth/sdk';
import type { CallTracker } from './call-tracker.js';

/**
 * The provider with each call counted by `calls` (streams until they end). Anything that is not a complete
 * provider is returned as it is, so the registry reports it exactly as it would have.
 */
export function trackProvider(provider: Provider, calls: CallTracker): Provider {
  if (typeof provider?.chat !== 'function' || typeof provider.listModels !== 'function' || typeof provider.stream !== 'function') {
    return provider;
  }
  const embed = provider.embed;
  const streamWire = provider.streamWire;
  const what = (method: string): string => `provider '${String(provider.name)}'.${method}()`;
  return {
    name: provider.name,
    listModels: calls.wrap((options?: ListModelsOptions) => provider.listModels(options), what('listModels')),
    chat: calls.wrap((request: ChatRequest, options?: ProviderCallOptions) => provider.chat(request, options), what('chat')),
    stream: (request: ChatRequest, options?: ProviderCallOptions) => calls.wrapIterable(provider.stream(request, options)),
    ...(typeof streamWire === 'function'
      ? { streamWire: (request: ChatRequest, options?: WireStreamOptions) => calls.wrapIterable(streamWire.call(provider, request, options)) }
      : {}),
    ...(typeof embed === 'function'
      ? { embed: calls.wrap((request: EmbedRequest, options?: ProviderCallOptions) => embed.call(provider, request, options), what('embed')) }
      : {}),
  };
}
