export * from './plugin-host.js';
export * from './plugin-record.js';
export * from './approval.js';
export { PluginDisabledError } from './plugin-disabled-error.js';
export { startDockerAccess, type DockerAccess } from './docker-access.js';
