import { describe, expect, it } from 'vitest';
import { contextFor, testApi } from '../api-fixtures.js';

const change = { plugin: 'x', from: 'loading', to: 'active' };

describe('unregistering hook handlers', () => {
  it('on() returns its own unregister function', async () => {
    const api = testApi();
    const ran: string[] = [];
    const off = api.hooks.on('a', 'plugin:stateChanged', () => void ran.push('a'));
    off();
    await api.hooks.notify('plugin:stateChanged', change);
    expect(ran).toEqual([]);
  });

  it("all of a plugin's handlers go when it stops (context dispose), other plugins' stay", async () => {
    const api = testApi({ p: ['hooks.tools'] });
    const ran: string[] = [];
    const p = contextFor(api, 'p');
    p.context.hooks.on('plugin:stateChanged', () => void ran.push('p1'));
    p.context.hooks.on('plugin:stateChanged', () => void ran.push('p2'), { order: 'pre' });
    p.context.hooks.on('tool:beforeCall', () => ({ deny: true, reason: 'p' }));
    contextFor(api, 'q').context.hooks.on('plugin:stateChanged', () => void ran.push('q'));
    p.dispose();
    await api.hooks.notify('plugin:stateChanged', change);
    expect(ran).toEqual(['q']);
    expect(api.hooks.count('tool:beforeCall')).toBe(0);
    expect(() => p.context.hooks.on('plugin:stateChanged', () => undefined)).toThrow(
      "cannot add a 'plugin:stateChanged' hook handler for plugin 'p': it is stopped",
    );
  });
});
