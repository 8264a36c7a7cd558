import { describe, expect, it } from 'vitest';
import { testApi } from '../api-fixtures.js';

describe('an observer fails open', () => {
  it("logs a throwing or rejecting observer with its plugin's name, and the other observers still run", async () => {
    const api = testApi();
    const ran: string[] = [];
    api.hooks.on('thrower', 'plugin:stateChanged', () => {
      throw new Error('sync boom');
    });
    api.hooks.on('rejecter', 'plugin:stateChanged', async () => {
      throw new Error('async boom');
    });
    api.hooks.on('fine', 'plugin:stateChanged', () => void ran.push('fine'));
    await expect(api.hooks.notify('plugin:stateChanged', { plugin: 'x', from: 'loading', to: 'active' })).resolves.toBeUndefined();
    expect(ran).toEqual(['fine']);
    const errors = api.lines.filter((l) => l.level === 50).map((l) => [l.plugin, l.msg]);
    expect(errors).toEqual([
      ['thrower', "the 'plugin:stateChanged' handler of plugin 'thrower' failed: sync boom"],
      ['rejecter', "the 'plugin:stateChanged' handler of plugin 'rejecter' failed: async boom"],
    ]);
  });

  it('a failing provider:afterResponse observer (parallel) does not fail the dispatch', async () => {
    const api = testApi({ bad: ['hooks.providers'], good: ['hooks.providers'] });
    let good = false;
    api.hooks.on('bad', 'provider:afterResponse', async () => Promise.reject(new Error('nope')));
    api.hooks.on('good', 'provider:afterResponse', () => void (good = true));
    await api.hooks.notify('provider:afterResponse', { operation: 'embed', model: 'p/m', plugin: 'p', provider: 'p', request: { model: 'm', input: [] }, durationMs: 1 });
    expect(good).toBe(true);
    expect(api.lines.some((l) => l.plugin === 'bad' && l.msg.includes("plugin 'bad' failed: nope"))).toBe(true);
  });
});
