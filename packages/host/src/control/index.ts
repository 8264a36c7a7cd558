export * from './types.js';
export { HostOperations, type HostOperationsOptions } from './host-operations.js';
export { subscribeHostEvents } from './host-events.js';
export { grantLabel } from './permission-ops.js';
