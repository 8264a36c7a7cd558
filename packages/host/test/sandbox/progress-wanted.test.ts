import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolProgress } from '@berth/sdk';
import { ProcessRunner, type ProcessPluginInstance } from '@berth/host';
import { createHarness, FIXTURES, runnable, type Harness } from './harness.js';

// Issue 16: a sandboxed call carries no progress token when its caller does not listen (the child then sends no
// progress notices and the host keeps no route); when the caller listens, progress still arrives. The handler
// sees which through `context.progressWanted`.

describe('progress into a sandboxed plugin, only when wanted', () => {
  let h: Harness;
  let instance: ProcessPluginInstance;
  beforeAll(async () => {
    h = createHarness();
    const plugin = runnable(`${FIXTURES}progress-wanted`);
    instance = await new ProcessRunner({ grants: () => [], mode: 'nobwrap' }).start(plugin, h.context(plugin));
  });
  afterAll(async () => {
    await instance?.stop();
    h?.cleanup();
  });

  it('without a progress listener, the handler is told progress is not wanted', async () => {
    const result = await h.api.tools.call('progress-wanted/ask', {});
    expect(result.content).toEqual([{ type: 'text', text: 'false' }]);
  });

  it('with a progress listener, the handler is told so and its progress arrives', async () => {
    const seen: ToolProgress[] = [];
    const result = await h.api.tools.call('progress-wanted/ask', {}, { onProgress: (u) => seen.push(u) });
    expect(result.content).toEqual([{ type: 'text', text: 'true' }]);
    expect(seen).toEqual([{ progress: 1, total: 1 }]);
  });
});
