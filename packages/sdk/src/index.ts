/**
 * `@berth/sdk`: what plugin authors import — {@link definePlugin}, the plugin API types, service references,
 * the provider contract, the manifest types and the error catalogue.
 * @packageDocumentation
 */
export * from './errors/index.js';
export * from './json.js';
export * from './logger.js';
export * from './plugin.js';
export * from './context.js';
export * from './api/tools.js';
export * from './api/services.js';
export * from './api/host-services.js';
export * from './api/hooks.js';
export * from './api/events.js';
export * from './api/mcp.js';
export * from './api/config.js';
export * from './provider/index.js';
export * from './manifest/index.js';
export * from './permissions/index.js';
export * from './typed/index.js';
