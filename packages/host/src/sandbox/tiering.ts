import v8 from 'node:v8';

/**
 * V8's interrupt budget once a process Berth owns is serving: a quarter of V8's default (67,584), so the code on
 * the call path reaches the optimizing tiers after a few hundred calls instead of a few thousand.
 *
 * Measured on a 2-vCPU VM (Node 20.20): a sandboxed plugin's echo round trip took ~150 µs for its first ~750
 * calls and ~25-100 µs later with the start-up budget (`IDLE_SIZE_FLAG`); with this budget set once the
 * plugin had started, ~70 µs from call 250 and ~45 µs from call 500. `berth serve --stdio` in front of an mcp
 * plugin: calls 500-1,000 at ~0.6 ms p50 instead of ~0.83 ms. An assistant makes tens to hundreds of calls in a
 * session, so those first calls are the ones its user waits for.
 *
 * Set only after start-up, never at launch: a low budget during start-up optimizes the module loader's code,
 * which stays resident (see `IDLE_SIZE_FLAG`), so an idle plugin keeps a bare `node`'s size.
 */
export const SERVING_INTERRUPT_BUDGET = 16_896;

/**
 * Lowers V8's interrupt budget to {@link SERVING_INTERRUPT_BUDGET} in the running process. For processes Berth
 * owns, once they are ready to serve: a sandboxed plugin's child entry after `initialize`, `berth serve` once its
 * endpoints listen. An embedder's process is its own: `PluginHost` never calls this.
 */
export function tierUpForServing(): void {
  v8.setFlagsFromString(`--interrupt-budget=${SERVING_INTERRUPT_BUDGET}`);
}
