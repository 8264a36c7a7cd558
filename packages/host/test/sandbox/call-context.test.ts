import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolProgress } from '@berth/sdk';
import { ProcessRunner, type ProcessPluginInstance } from '@berth/host';
import { createHarness, FIXTURES, runnable, type Harness } from './harness.js';

// Issue 16: a sandboxed call carries no progress token when its caller does not listen (the child then sends no
// progress notices and the host keeps no route); when the caller listens, progress still arrives. The handler
// sees which through `context.progressWanted`. The host cancels the child's call through the registry's stop
// hook (no AbortSignal listener per call): a caller's cancel and a time limit still abort the handler in the child.

const codeOf = (e: unknown): string | undefined => (e as { cause?: { code?: string }; code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code;

describe('a sandboxed call context: progress only when wanted, stops reach the child', () => {
  let h: Harness;
  let instance: ProcessPluginInstance;
  beforeAll(async () => {
    h = createHarness();
    const plugin = runnable(`${FIXTURES}call-context`);
    instance = await new ProcessRunner({ grants: () => [], mode: 'nobwrap' }).start(plugin, h.context(plugin));
  });
  afterAll(async () => {
    await instance?.stop();
    h?.cleanup();
  });

  it('without a progress listener, the handler is told progress is not wanted', async () => {
    const result = await h.api.tools.call('call-context/ask', {});
    expect(result.content).toEqual([{ type: 'text', text: 'false' }]);
  });

  it('with a progress listener, the handler is told so and its progress arrives', async () => {
    const seen: ToolProgress[] = [];
    const result = await h.api.tools.call('call-context/ask', {}, { onProgress: (u) => seen.push(u) });
    expect(result.content).toEqual([{ type: 'text', text: 'true' }]);
    expect(seen).toEqual([{ progress: 1, total: 1 }]);
  });

  /** Polls the child's count of aborted waits until it reaches `n` (the cancel notice travels after the rejection). */
  async function abortedReaches(n: number): Promise<string> {
    let text = '';
    for (let i = 0; i < 100; i++) {
      const result = await h.api.tools.call('call-context/aborted', {});
      text = (result.content[0] as { text: string }).text;
      if (text === String(n)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return text;
  }

  it("a caller's cancel rejects at once and aborts the handler in the child", async () => {
    const controller = new AbortController();
    const call = h.api.tools.call('call-context/wait', {}, { signal: controller.signal }).then(() => 'answered', codeOf);
    setTimeout(() => controller.abort(), 100);
    expect(await call).toBe('BERTH_CALL_CANCELLED');
    expect(await abortedReaches(1)).toBe('1');
  });

  it('a time limit rejects with CallTimeoutError and aborts the handler in the child', async () => {
    const call = h.api.tools.call('call-context/wait', {}, { timeoutMs: 300 }).then(() => 'answered', codeOf);
    expect(await call).toBe('BERTH_CALL_TIMEOUT');
    expect(await abortedReaches(2)).toBe('2');
  });
});
