import type { ProviderRegistry } from '../../registry/provider-registry.js';
import type { ProviderSource } from './provider-source.js';

/**
 * The host's provider registry as the endpoint's {@link ProviderSource} (with its provider hooks around each call).
 * Typed so the compiler checks that the registry keeps satisfying the interface.
 */
export function providerSourceOf(registry: ProviderRegistry): ProviderSource {
  return registry;
}
