import { describe, expect, it } from 'vitest';
import { testApi } from '../api-fixtures.js';

const call = { tool: 'fs/delete', plugin: 'fs', args: { path: '/' } };

describe('bail semantics (tool:beforeCall guards)', () => {
  it('stops at the first guard that denies; later guards do not run', async () => {
    const api = testApi({ a: ['hooks.tools'], b: ['hooks.tools'], c: ['hooks.tools'] });
    const ran: string[] = [];
    api.hooks.on('a', 'tool:beforeCall', () => void ran.push('a'));
    api.hooks.on('b', 'tool:beforeCall', () => (ran.push('b'), { deny: true, reason: 'no deleting' }));
    api.hooks.on('c', 'tool:beforeCall', () => void ran.push('c'));
    expect(await api.hooks.guard(call)).toEqual({ plugin: 'b', reason: 'no deleting' });
    expect(ran).toEqual(['a', 'b']);
  });

  it('lets the call through when every guard answers undefined or { deny: false }', async () => {
    const api = testApi({ a: ['hooks.tools'], b: ['hooks.tools'] });
    api.hooks.on('a', 'tool:beforeCall', () => undefined);
    api.hooks.on('b', 'tool:beforeCall', () => ({ deny: false }) as never);
    expect(await api.hooks.guard(call)).toBeUndefined();
  });

  it('treats a malformed verdict as a denial (fails closed)', async () => {
    const api = testApi({ a: ['hooks.tools'] });
    api.hooks.on('a', 'tool:beforeCall', () => 'yes' as never);
    const denial = await api.hooks.guard(call);
    expect(denial?.plugin).toBe('a');
    expect(denial?.reason).toContain('invalid verdict');
  });
});
