/**
 * `@berth/host`: the Berth runtime — manifest, discovery, resolution, registry, permissions, sandbox, API,
 * configuration and reload. Embed it through `PluginHost`.
 * @packageDocumentation
 */
export * from './sandbox/runner.js';
