/**
 * `@berth/testing`: test a Berth plugin in the sandbox it will run in. {@link startPlugin} starts a plugin folder in
 * the real process tier (bubblewrap where present) with the grants, settings and secrets the test chooses; the
 * {@link TestPlugin} it returns calls tools and providers and holds the events and log lines the plugin produced;
 * {@link expectDenied} asserts that an access it was not granted is refused. Works with vitest, node:test and jest.
 * @packageDocumentation
 */
export * from './start-plugin.js';
export * from './test-plugin.js';
export * from './expect-denied.js';
export * from './options.js';
export * from './grants.js';
export type { CapturedEvent, CapturedLog } from './capture.js';
