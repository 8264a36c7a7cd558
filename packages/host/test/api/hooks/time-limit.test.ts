import { ErrorCodes } from '@berth/sdk';
import { describe, expect, it } from 'vitest';
import { sleep, testApi } from '../api-fixtures.js';

describe('per-handler time limit', () => {
  it('abandons a handler that exceeds its own timeoutMs, logs it with its plugin, and runs the next one', async () => {
    const api = testApi();
    const ran: string[] = [];
    api.hooks.on('slow', 'plugin:stateChanged', () => new Promise<void>(() => {}), { timeoutMs: 30 });
    api.hooks.on('next', 'plugin:stateChanged', () => void ran.push('next'));
    const started = Date.now();
    await api.hooks.notify('plugin:stateChanged', { plugin: 'x', from: 'loading', to: 'active' });
    expect(Date.now() - started).toBeLessThan(900);
    expect(ran).toEqual(['next']);
    const line = api.lines.find((l) => l.plugin === 'slow');
    expect(line?.msg).toBe("the 'plugin:stateChanged' handler of plugin 'slow' failed: the 'plugin:stateChanged' handler of plugin 'slow' did not finish within 30 ms");
    expect((line?.['err'] as { code?: string }).code).toBe(ErrorCodes.HOOK_FAILED);
  });

  it('lets a handler that finishes within its limit return normally', async () => {
    const api = testApi({ a: ['hooks.tools'] });
    api.hooks.on('a', 'tool:beforeCall', async () => (await sleep(5), { deny: true, reason: 'slow but in time' }), { timeoutMs: 500 });
    expect(await api.hooks.guard({ tool: 't/x', plugin: 't', args: {} })).toEqual({ plugin: 'a', reason: 'slow but in time' });
  });
});
