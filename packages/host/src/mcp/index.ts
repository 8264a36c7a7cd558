export * from './server-spec.js';
export * from './launcher.js';
export * from './tool-registrar.js';
export * from './tool-bridge.js';
export * from './connection.js';
export * from './restart-with-backoff.js';
export * from './mcp-plugin-runner.js';
export * from './content-hub.js';
