import { describe, expect, it } from 'vitest';
import { sleep, testApi } from '../api-fixtures.js';

const payload = { operation: 'chat', model: 'p/m', plugin: 'p', provider: 'p', request: { model: 'm', messages: [] }, durationMs: 1 } as const;

describe('parallel semantics (provider:afterResponse)', () => {
  it('starts every handler before any has finished, and waits for all', async () => {
    const api = testApi({ a: ['hooks.providers'], b: ['hooks.providers'] });
    const trace: string[] = [];
    for (const plugin of ['a', 'b']) {
      api.hooks.on(plugin, 'provider:afterResponse', async () => {
        trace.push(`${plugin}:start`);
        await sleep(20);
        trace.push(`${plugin}:end`);
      });
    }
    await api.hooks.notify('provider:afterResponse', payload);
    expect(trace.slice(0, 2).sort()).toEqual(['a:start', 'b:start']);
    expect(trace.slice(2).sort()).toEqual(['a:end', 'b:end']);
  });
});
