/**
 * `@berth/host`: the Berth runtime — manifest, discovery, resolution, registry, permissions, sandbox, API,
 * configuration and reload. Embed it through `PluginHost`.
 * @packageDocumentation
 */
export * from './sandbox/runner.js';
export * from './permissions/gate.js';
export * from './config/host-config.js';
export * from './resolution/index.js';
