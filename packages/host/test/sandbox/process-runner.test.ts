import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessRunner, type ProcessPluginInstance } from '@berth/host';
import { createHarness, FIXTURES, runnable, type Harness } from './harness.js';

describe.each(['bwrap', 'nobwrap'] as const)('process runner (%s): a trivial round trip', (mode) => {
  let h: Harness;
  let instance: ProcessPluginInstance;
  beforeAll(async () => {
    h = createHarness();
    const runner = new ProcessRunner({ grants: (p) => h.grants.get(p) ?? [], audit: (r) => h.audit.record(r), mode });
    const plugin = runnable(`${FIXTURES}good`);
    instance = await runner.start(plugin, h.context(plugin, { greeting: 'hi' }));
  });
  afterAll(async () => {
    await instance?.stop();
    h?.cleanup();
  });

  it('calls a tool in the child and gets its result', async () => {
    const result = await h.api.tools.call('good/echo', { x: 1 });
    expect(result.content).toEqual([{ type: 'text', text: '{"x":1}' }]);
    expect(result.structuredContent?.['pid']).not.toBe(process.pid);
  });
});
