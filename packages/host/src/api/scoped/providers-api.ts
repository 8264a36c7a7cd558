import type { Provider, ProvidersApi } from '@berth/sdk';
import type { ProviderRegistry } from '../../registry/provider-registry.js';
import type { Liveness } from './liveness.js';

/** `context.providers` of one plugin: registers under its name. */
export function providersApiFor(registry: ProviderRegistry, plugin: string, liveness: Liveness): ProvidersApi {
  return {
    register: (provider: Provider): (() => void) => {
      liveness.assertAlive('register a provider for');
      return registry.register(plugin, provider);
    },
  };
}
