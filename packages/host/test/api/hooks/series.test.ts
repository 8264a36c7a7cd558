import { describe, expect, it } from 'vitest';
import { sleep, testApi } from '../api-fixtures.js';

describe('series semantics (plugin:stateChanged)', () => {
  it('runs each handler after the previous one finished, in registration order', async () => {
    const api = testApi();
    const trace: string[] = [];
    api.hooks.on('a', 'plugin:stateChanged', async () => {
      trace.push('a:start');
      await sleep(20);
      trace.push('a:end');
    });
    api.hooks.on('b', 'plugin:stateChanged', () => void trace.push('b'));
    api.hooks.on('c', 'plugin:stateChanged', async () => void trace.push('c'));
    await api.hooks.notify('plugin:stateChanged', { plugin: 'x', from: 'loading', to: 'active' });
    expect(trace).toEqual(['a:start', 'a:end', 'b', 'c']);
  });

  it('gives every handler the same payload', async () => {
    const api = testApi();
    const seen: unknown[] = [];
    api.hooks.on('a', 'plugin:stateChanged', (p) => void seen.push(p));
    api.hooks.on('b', 'plugin:stateChanged', (p) => void seen.push(p));
    const payload = { plugin: 'x', from: 'active', to: 'failed', reason: 'boom' };
    await api.hooks.notify('plugin:stateChanged', payload);
    expect(seen).toEqual([payload, payload]);
  });
});
