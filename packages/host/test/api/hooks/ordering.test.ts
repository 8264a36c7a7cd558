import { describe, expect, it } from 'vitest';
import { testApi } from '../api-fixtures.js';

const change = { plugin: 'x', from: 'loading', to: 'active' };

describe('hook ordering', () => {
  it("runs 'pre' handlers first and 'post' handlers last, registration order within each group", async () => {
    const api = testApi();
    const ran: string[] = [];
    const add = (plugin: string, order?: 'pre' | 'post'): void =>
      void api.hooks.on(plugin, 'plugin:stateChanged', () => void ran.push(plugin), order !== undefined ? { order } : {});
    add('post1', 'post');
    add('mid1');
    add('pre1', 'pre');
    add('mid2');
    add('pre2', 'pre');
    add('post2', 'post');
    await api.hooks.notify('plugin:stateChanged', change);
    expect(ran).toEqual(['pre1', 'pre2', 'mid1', 'mid2', 'post1', 'post2']);
  });

  it("moves a handler with before: [plugin] ahead of that plugin's handlers, even a 'pre' one", async () => {
    const api = testApi();
    const ran: string[] = [];
    api.hooks.on('audit', 'plugin:stateChanged', () => void ran.push('audit'), { order: 'pre' });
    api.hooks.on('other', 'plugin:stateChanged', () => void ran.push('other'));
    api.hooks.on('late', 'plugin:stateChanged', () => void ran.push('late'), { order: 'post', before: ['audit'] });
    await api.hooks.notify('plugin:stateChanged', change);
    expect(ran).toEqual(['late', 'audit', 'other']);
  });

  it('breaks a cycle of before constraints in group order instead of hanging', async () => {
    const api = testApi();
    const ran: string[] = [];
    api.hooks.on('a', 'plugin:stateChanged', () => void ran.push('a'), { before: ['b'] });
    api.hooks.on('b', 'plugin:stateChanged', () => void ran.push('b'), { before: ['a'] });
    await api.hooks.notify('plugin:stateChanged', change);
    expect(ran).toEqual(['a', 'b']);
  });
});
