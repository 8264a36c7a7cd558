/** The isolation tiers: the process sandbox, its supervisor, doctor and host protection. */
export * from './process-runner.js';
export * from './process-instance.js';
export * from './launch.js';
export * from './doctor.js';
export * from './protect.js';
export * from './symlinks.js';
export * from './calls.js';
export * from './supervisor.js';
export * from './in-process-runner.js';
export * from './host-bridge.js';
export * from './paths.js';
export * from './node-flags.js';
export * from './tiering.js';
export * from './watchdog.js';
export * from './output.js';
export * from './rate-limit.js';
export * from './berth-folders.js';
