import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IDLE_SIZE_FLAG, SERVING_INTERRUPT_BUDGET } from '@berth/host';

const tiering = fileURLToPath(new URL('../../dist/sandbox/tiering.js', import.meta.url));
const servingTier = fileURLToPath(new URL('../../dist/sandbox/child/serving-tier.js', import.meta.url));

/**
 * Runs a fresh `node` launched with the start-up budget (as a sandboxed plugin is), optionally calls
 * `tierUpForServing`, then calls a small function `calls` times and answers whether V8 has optimized it
 * (TurboFan). Compilation is made synchronous so the answer depends on call counts only, not on timing.
 */
function optimizedAfter(calls: number, serving: boolean): boolean {
  const probe = `
    const { tierUpForServing } = await import(${JSON.stringify(pathToFileURL(tiering).href)});
    if (${serving}) tierUpForServing();
    function onCallPath(o) { return { a: o.a + 1, b: String(o.b).length, c: [o.a, o.b].join(',') }; }
    let sum = 0;
    for (let i = 0; i < ${calls}; i++) sum += onCallPath({ a: i, b: 'x' + i }).b;
    const TURBOFANNED = 64;
    process.stdout.write(String((%GetOptimizationStatus(onCallPath) & TURBOFANNED) !== 0 && sum > 0));
  `;
  const flags = ['--allow-natives-syntax', '--no-concurrent-recompilation', IDLE_SIZE_FLAG, '--input-type=module', '-e', probe];
  return execFileSync(process.execPath, flags, { encoding: 'utf8' }) === 'true';
}

describe('tierUpForServing', () => {
  it('needs the built host', () => {
    expect(existsSync(tiering), `${tiering} is missing: run npx tsc -b packages/host first`).toBe(true);
  });

  it('lowers the budget below V8 default, which is below the start-up one', () => {
    expect(SERVING_INTERRUPT_BUDGET).toBeLessThan(67_584);
    expect(IDLE_SIZE_FLAG).toBe('--interrupt-budget=135168');
  });

  // Measured: with the start-up budget the probe is optimized after ~3,200-5,000 calls; after tierUpForServing,
  // after ~700-800. 1,600 calls sits between with a margin of 2× on each side.
  it('makes the code on the call path reach TurboFan after far fewer calls than the start-up budget', () => {
    expect(optimizedAfter(1600, false)).toBe(false);
    expect(optimizedAfter(1600, true)).toBe(true);
  });
});

describe('the serving-tier preload of an mcp plugin server', () => {
  // A server launched as Berth launches one (V8's default budget, the preload), calling a small function before and
  // after its first write to stdout. Measured: with the default budget the probe is optimized after ~2,400-3,000
  // calls, with the serving budget after ~600-800; 1,400 calls sits between with a margin of about 2× each side.
  it('keeps the default budget until the server first writes to stdout, lowers it then, and puts write back', () => {
    const probe = `
      const count = 1400;
      const status = (f) => (%GetOptimizationStatus(f) & 64) !== 0;
      function beforeAnswer(o) { return { a: o.a + 1, b: String(o.b).length, c: [o.a, o.b].join(',') }; }
      for (let i = 0; i < count; i++) beforeAnswer({ a: i, b: 'x' + i });
      const wrapped = Object.hasOwn(process.stdout, 'write');
      process.stdout.write('');
      await new Promise((resolve) => setImmediate(resolve));
      function afterAnswer(o) { return { a: o.a + 1, b: String(o.b).length, c: [o.a, o.b].join(',') }; }
      for (let i = 0; i < count; i++) afterAnswer({ a: i, b: 'x' + i });
      process.stdout.write(JSON.stringify({ wrapped, before: status(beforeAnswer), after: status(afterAnswer), restored: !Object.hasOwn(process.stdout, 'write') }));
    `;
    const flags = ['--allow-natives-syntax', '--no-concurrent-recompilation', `--import=${pathToFileURL(servingTier).href}`, '--input-type=module', '-e', probe];
    const seen = JSON.parse(execFileSync(process.execPath, flags, { encoding: 'utf8' })) as Record<string, boolean>;
    expect(seen).toEqual({ wrapped: true, before: false, after: true, restored: true });
  });
});
