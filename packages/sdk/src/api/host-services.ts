import type { Logger } from '../logger.js';
import type { ProvidersApi } from '../provider/provider.js';
import { createServiceRef, type ServiceRef } from './services.js';
import type { ToolsApi } from './tools.js';

/**
 * The provider registry, as a service: the specification's `services.GetService<IProviderRegistry>()`.
 * `context.services.get(ProviderRegistryRef).register(provider)` registers under the calling plugin's name,
 * exactly like `context.providers.register(provider)`.
 */
export const ProviderRegistryRef: ServiceRef<ProvidersApi> = createServiceRef<ProvidersApi>({ id: 'berth.providers' });

/** The tool registry, as a service (the same object as `context.tools`). */
export const ToolRegistryRef: ServiceRef<ToolsApi> = createServiceRef<ToolsApi>({ id: 'berth.tools' });

/** The plugin's logger, as a service (the same object as `context.logger`). */
export const LoggerRef: ServiceRef<Logger> = createServiceRef<Logger>({ id: 'berth.logger' });
