/** The plugin API, host side, and the tool and provider registries it files contributions in. */
export * from './context.js';
export * from './plugin-api.js';
export * from './hooks/hook-engine.js';
export * from './hooks/hook-definitions.js';
export * from './events/event-bus.js';
export * from './events/plugin-event-name.js';
export * from './services/service-container.js';
export * from './services/revocable.js';
export * from './timing/deadline-timer.js';
export * from '../registry/tool-registry.js';
export * from '../registry/tool-result.js';
export * from '../registry/provider-registry.js';
export * from '../registry/provider-route.js';
export * from '../registry/contribution-id.js';
