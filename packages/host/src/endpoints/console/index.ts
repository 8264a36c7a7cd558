export { createConsole, CONSOLE_PATH, type ConsoleOptions, type WebConsole } from './console-route.js';
export type { Approval } from './approvals.js';
export type { HealthPoint, PluginHealth } from './health/process-sampler.js';
