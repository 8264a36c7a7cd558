import type { ToolResult } from '@berth/sdk';
import { describe, expect, it } from 'vitest';
import { testApi } from '../api-fixtures.js';

const text = (t: string): ToolResult => ({ content: [{ type: 'text', text: t }] });

describe('waterfall semantics (tool:afterCall)', () => {
  it('threads the result through the handlers; undefined keeps the value so far', async () => {
    const api = testApi({ a: ['hooks.tools'], b: ['hooks.tools'], c: ['hooks.tools'] });
    const seen: string[] = [];
    const textOf = (r: ToolResult): string => (r.content[0] as { text: string }).text;
    api.hooks.on('a', 'tool:afterCall', (p) => text(`${textOf(p.result)}+a`));
    api.hooks.on('b', 'tool:afterCall', (p) => void seen.push(textOf(p.result)));
    api.hooks.on('c', 'tool:afterCall', async (p) => text(`${textOf(p.result)}+c`));
    const out = await api.hooks.transform('tool:afterCall', { tool: 't/x', plugin: 't', args: {}, result: text('r') });
    expect(out).toEqual(text('r+a+c'));
    expect(seen).toEqual(['r+a']);
  });

  it('provider:beforeRequest threads the request', async () => {
    const api = testApi({ a: ['hooks.providers'] });
    api.hooks.on('a', 'provider:beforeRequest', (p) => ({ ...p.request, model: 'changed' }));
    const out = await api.hooks.transform('provider:beforeRequest', { operation: 'chat', model: 'p/m', plugin: 'p', provider: 'p', request: { model: 'm', messages: [] } });
    expect(out).toEqual({ model: 'changed', messages: [] });
  });

  it('fails closed: a throwing tool:afterCall transformer fails the call, naming its plugin', async () => {
    const api = testApi({ redactor: ['hooks.tools'] });
    api.tools.register('t', { name: 'x', description: '', inputSchema: { type: 'object' }, handler: () => 'secret' });
    api.hooks.on('redactor', 'tool:afterCall', () => {
      throw new Error('redaction rules missing');
    });
    await expect(api.tools.call('t/x', {})).rejects.toMatchObject({
      code: 'BERTH_HOOK_FAILED',
      message: "the 'tool:afterCall' handler of plugin 'redactor' failed: redaction rules missing",
    });
  });
});
