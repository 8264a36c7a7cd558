import { afterEach, describe, expect, it } from 'vitest';
import { ProcessRunner, Supervisor, type SupervisedInstance, type SupervisorEvent } from '@berth/host';
import { createHarness, FIXTURES, runnable, type Harness } from './harness.js';

const waitFor = async (check: () => boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(['bwrap', 'nobwrap'] as const)('crash containment (%s)', (mode) => {
  let h: Harness | undefined;
  let instance: SupervisedInstance | undefined;
  afterEach(async () => {
    await instance?.stop();
    h?.cleanup();
  });

  it('SIGKILL during a call rejects the caller promptly with PluginCrashedError, restarts, and the next call succeeds', async () => {
    h = createHarness();
    const events: SupervisorEvent[] = [];
    const runner = new Supervisor(new ProcessRunner({ grants: () => [], mode }), { backoffMs: 50, onEvent: (e) => events.push(e) });
    const plugin = runnable(`${FIXTURES}good`);
    instance = await runner.start(plugin, h.context(plugin));
    const pid = (instance.current as { pid?: number }).pid as number;
    expect(instance.pid).toBe(pid);
    expect(instance.restarts).toBe(0);
    const call = h.api.tools.call('good/slow', { steps: 100, stepMs: 100 });
    const outcome = call.then(() => undefined, (e: unknown) => e as { code: string; message: string; cause?: { code: string; message: string } });
    await new Promise((r) => setTimeout(r, 150));
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    const error = await outcome;
    expect(Date.now() - killedAt).toBeLessThan(1000);
    // The registry wraps what a handler throws in ToolFailedError; the typed crash error is its cause.
    expect(error?.code).toBe('BERTH_TOOL_FAILED');
    expect(error?.message).toMatch(/^tool 'good\/slow' of plugin 'good' failed: plugin 'good' was killed by SIGKILL/);
    expect(error?.cause?.code).toBe('BERTH_PLUGIN_CRASHED');
    expect(error?.cause?.message).toMatch(/^plugin 'good' was killed by SIGKILL/);
    await waitFor(() => events.some((e) => e.type === 'restarted'));
    expect(events.map((e) => e.type)).toEqual(['crashed', 'restarted']);
    // What the console's health view shows: one restart, and the new process's id.
    expect(instance.restarts).toBe(1);
    expect(instance.pid).not.toBe(pid);
    const again = await h.api.tools.call('good/echo', { back: true });
    expect(again.structuredContent?.['args']).toEqual({ back: true });
  });

  it('a plugin that keeps crashing ends in crashed-loop with PluginCrashLoopError naming it, and stays down', async () => {
    h = createHarness();
    const events: SupervisorEvent[] = [];
    const runner = new Supervisor(new ProcessRunner({ grants: () => [], mode }), { maxCrashes: 3, backoffMs: 20, onEvent: (e) => events.push(e) });
    const plugin = runnable(`${FIXTURES}crashy`);
    instance = await runner.start(plugin, h.context(plugin));
    const exits: Error[] = [];
    instance.onExit((e) => exits.push(e));
    await waitFor(() => instance?.state === 'crashed-loop');
    expect(exits).toHaveLength(1);
    expect((exits[0] as { code?: string }).code).toBe('BERTH_PLUGIN_CRASH_LOOP');
    expect(exits[0]?.message).toMatch(/^plugin 'crashy' crashed 3 times in 60 s and was stopped \(run: berth plugins enable crashy/);
    const cause = exits[0]?.cause as { code?: string; message?: string };
    expect(cause.code).toBe('BERTH_PLUGIN_CRASHED');
    expect(cause.message).toContain('exited with code 3');
    expect(cause.message).toContain('crashy: giving up now');
    expect(events.filter((e) => e.type === 'crashed')).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(instance.state).toBe('crashed-loop');
    expect(instance.current).toBeUndefined();
    expect(h.api.tools.get('crashy/noop')).toBeUndefined();
  });
});
