export * from './scope.js';
export * from './policy.js';
export * from './egress-proxy.js';
