import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InProcessRunner, type PluginHost, type PluginHostOptions } from '@berth/host';
import { tempHost } from '../support/temp-host.js';
import { pluginRoot, rewrite } from './support.js';

const text = (result: { content: readonly { type: string; text?: string }[] }): string => result.content.map((c) => c.text ?? '').join('');

// One runner for the whole host, as the host's own trusted tier has: its fresh-URL counter lives in the instance.
const trusted = new InProcessRunner();
const tiers: { tier: string; options: Partial<PluginHostOptions>; slowMs: number }[] = [
  { tier: 'sandboxed process', options: {}, slowMs: 4_000 },
  { tier: 'in-process (trusted)', options: { runnerFor: () => trusted }, slowMs: 800 },
];

describe.each(tiers)('calls running on the old version during a reload ($tier)', { timeout: 60_000 }, ({ options, slowMs }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  async function started(): Promise<{ host: PluginHost; pluginDir: string }> {
    const root = await pluginRoot('hot');
    cleanups.push(root.cleanup);
    const made = await tempHost([{ kind: 'extra', dir: root.dir }], options);
    cleanups.push(made.cleanup);
    await made.host.start();
    return { host: made.host, pluginDir: path.join(root.dir, 'hot') };
  }

  it('finish on the old version while new calls go to the new one; the old one stops after them', async () => {
    const { host, pluginDir } = await started();
    const slow = host.api.tools.call('hot/version', { delayMs: slowMs });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await rewrite(pluginDir, { answer: 'v2', manifest: { version: '1.1.0' } });
    let reloaded = false;
    const reload = host.reload('hot').then((outcome) => {
      reloaded = true;
      return outcome;
    });
    const firstV2 = await (async () => {
      for (;;) {
        const answer = text(await host.api.tools.call('hot/version', {}));
        if (answer === 'v2') return answer;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    expect(firstV2).toBe('v2');
    expect(reloaded).toBe(false);
    expect(text(await slow)).toBe('v1');
    expect(await reload).toEqual({ status: 'reloaded', plugin: 'hot', from: '1.0.0', to: '1.1.0', cancelledCalls: 0, restarted: [] });
  });

  it('are cancelled at the drain limit with BERTH_RELOAD_DRAIN_TIMEOUT', async () => {
    const { host, pluginDir } = await started();
    const hanging = host.api.tools.call('hot/version', { delayMs: 20_000 }).then(
      () => undefined,
      (error: Error & { code?: string; cause?: { code?: string; message?: string } }) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await rewrite(pluginDir, { answer: 'v2', manifest: { version: '1.1.0' } });
    const outcome = await host.reload('hot', { drainLimitMs: 200 });
    expect(outcome).toMatchObject({ status: 'reloaded', cancelledCalls: 1 });
    const error = await hanging;
    expect(error?.code).toBe('BERTH_TOOL_FAILED');
    expect(error?.cause?.code).toBe('BERTH_RELOAD_DRAIN_TIMEOUT');
    expect(error?.cause?.message).toBe(
      "tool 'version' of plugin 'hot' was cancelled: version 1.0.0 was replaced by a reload and the call did not finish within 200 ms of the switch (call again: the new version answers)",
    );
    expect(text(await host.api.tools.call('hot/version', {}))).toBe('v2');
  });
});
