import type { Logger } from '../logger.js';
import type { ProvidersApi } from '../provider/provider.js';
import { createServiceRef, type ServiceRef } from './services.js';
import type { ToolsApi } from './tools.js';

/**
 * The provider registry, as a service: the specification's `services.GetService<IProviderRegistry>()`.
 * `context.services.get(ProviderRegistryRef).register(provider)` registers under the calling plugin's name,
 * exactly like `context.providers.register(provider)`.
 */
export const ProviderRegistryRef: ServiceRef<ProvidersApi, undefined> = createServiceRef<ProvidersApi, undefined>({ id: 'berth.providers' });

/** The tool registry, as a service (the same object as `context.tools`). */
export const ToolRegistryRef: ServiceRef<ToolsApi, undefined> = createServiceRef<ToolsApi, undefined>({ id: 'berth.tools' });

/** The plugin's logger, as a service (the same object as `context.logger`). */
export const LoggerRef: ServiceRef<Logger, undefined> = createServiceRef<Logger, undefined>({ id: 'berth.logger' });
