export * from './name.js';
export * from './semver.js';
export * from './setting.js';
export * from './contributes.js';
export * from './server.js';
export * from './behaviour.js';
export * from './schema.js';
export * from './json-schema.js';
