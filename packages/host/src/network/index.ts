export * from './scope.js';
export * from './policy.js';
export * from './egress-proxy.js';
export * from './egress-launch.js';
export type { RelayConfig } from './relay/config.js';
export * from './egress-audit.js';
