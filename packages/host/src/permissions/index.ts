/** Grants, their matching and diffing, the gate over them, and the audit log. */
export * from './scope-vars.js';
export * from './match.js';
export * from './diff.js';
export * from './grant-gate.js';
export * from './audit-log.js';
export * from './grants-config.js';
export * from './program-scope.js';
