/**
 * `@berth/host`: the Berth runtime — manifest, discovery, resolution, registry, permissions, sandbox, API,
 * configuration and reload. Embed it through `PluginHost`.
 * @packageDocumentation
 */
export * from './sandbox/runner.js';
export * from './permissions/gate.js';
export * from './config/host-config.js';
export * from './config/index.js';
export * from './resolution/index.js';
export * from './mcp/index.js';
export * from './endpoints/mcp/index.js';
export * from './endpoints/http/index.js';
export * from './manifest/index.js';
export * from './discovery/index.js';
export * from './api/index.js';
export * from './sandbox/index.js';
export * from './permissions/index.js';
export * from './rpc/index.js';
export * from './lifecycle/index.js';
export * from './endpoints/openai/index.js';
export * from './serve/index.js';
export * from './docker/index.js';
export * from './reload/index.js';
export * from './sources/index.js';
export * from './control/index.js';
export * from './logs/index.js';
