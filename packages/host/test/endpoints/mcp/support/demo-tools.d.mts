import type { TestRegistry } from './test-registry.mjs';

/** A secret value that must never reach the call log. */
export declare const SECRET: string;
/** What demo/slow saw. */
export interface Observed {
  aborts: { ms: number; reason: string }[];
}
/** Registers demo/echo, demo/slow and a guard. */
export declare function registerDemoTools(registry: TestRegistry, observed?: Observed): Observed;
