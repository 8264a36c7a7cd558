import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessRunner, type ProcessPluginInstance } from '@berth/host';
import { createHarness, FIXTURES, runnable, type Harness } from './harness.js';

// Issue 16: a sandboxed plugin serves calls concurrently (its handlers are async) up to a per-plugin limit
// (`plugins.<name>.maxConcurrentCalls`, default 32); more calls wait their turn; unrelated plugins are not
// serialised by the host.

const peakOf = (result: { structuredContent?: Record<string, unknown> }): number => result.structuredContent?.['peak'] as number;

describe('calls into a sandboxed plugin run concurrently', () => {
  let h: Harness;
  const instances: ProcessPluginInstance[] = [];
  const start = async (limit: number | undefined, name: string): Promise<void> => {
    const runner = new ProcessRunner({ grants: () => [], mode: 'nobwrap', maxConcurrentCallsOf: (p) => (p === name ? limit : undefined) });
    const plugin = { ...runnable(`${FIXTURES}concurrent`), name };
    instances.push(await runner.start(plugin, h.context(plugin)));
  };
  beforeAll(async () => {
    h = createHarness();
    await start(undefined, 'wide');
    await start(2, 'narrow');
    await start(1, 'single');
  });
  afterAll(async () => {
    for (const instance of instances) await instance.stop();
    h?.cleanup();
  });

  it('by default, eight calls at once all run in the child at once', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => h.api.tools.call('wide/gather', { want: 8, waitMs: 20_000 })));
    expect(results.map(peakOf)).toEqual(Array.from({ length: 8 }, () => 8));
  });

  it('with maxConcurrentCalls 2, at most two run at once, and every call still completes', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => h.api.tools.call('narrow/gather', { want: 3, waitMs: 300 })));
    expect(results).toHaveLength(6);
    expect(Math.max(...results.map(peakOf))).toBe(2);
  });

  it('a plugin busy at its limit does not hold back another plugin', async () => {
    let busyDone = false;
    const busy = h.api.tools.call('single/gather', { want: 2, waitMs: 3_000 }).then((r) => ((busyDone = true), r));
    const queued = h.api.tools.call('single/quick', {});
    const other = await h.api.tools.call('wide/quick', {});
    expect(other.content).toEqual([{ type: 'text', text: 'quick' }]);
    expect(busyDone).toBe(false);
    expect(peakOf(await busy)).toBe(1);
    expect((await queued).content).toEqual([{ type: 'text', text: 'quick' }]);
  });

  it('a call waiting for a slot honours its time limit (and leaves the queue)', async () => {
    const busy = h.api.tools.call('single/gather', { want: 2, waitMs: 1_500 });
    const waiting = h.api.tools.call('single/quick', {}, { timeoutMs: 200 }).then(
      () => 'answered',
      (e: unknown) => (e as { cause?: { code?: string }; code?: string }).cause?.code ?? (e as { code?: string }).code,
    );
    expect(await waiting).toBe('BERTH_CALL_TIMEOUT');
    await busy;
    expect((await h.api.tools.call('single/quick', {})).content).toEqual([{ type: 'text', text: 'quick' }]);
  });
});
