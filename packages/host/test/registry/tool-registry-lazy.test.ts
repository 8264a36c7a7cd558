import { ErrorCodes } from '@berth/sdk';
import { describe, expect, it } from 'vitest';
import { testApi } from '../api/api-fixtures.js';

const declared = { name: 'greet', description: 'Greets', inputSchema: { type: 'object', properties: { who: { type: 'string' } }, required: ['who'] } };

describe('tool registry: lazy activation', () => {
  it('lists a declared tool before its plugin runs, starts the plugin on the first call (once), then dispatches', async () => {
    const api = testApi();
    let starts = 0;
    api.tools.declare('lazy', declared, async () => {
      starts++;
      api.tools.register('lazy', { ...declared, handler: (args) => `hello ${String(args['who'])}` });
    });
    expect(api.tools.list().map((t) => t.id)).toEqual(['lazy/greet']);
    const [a, b] = await Promise.all([api.tools.call('lazy/greet', { who: 'a' }), api.tools.call('lazy/greet', { who: 'b' })]);
    expect([a, b]).toEqual([{ content: [{ type: 'text', text: 'hello a' }] }, { content: [{ type: 'text', text: 'hello b' }] }]);
    expect(starts).toBe(1);
  });

  it('after the plugin stops, its declaration comes back and the next call starts it again', async () => {
    const api = testApi();
    let starts = 0;
    api.tools.declare('lazy', declared, async () => {
      starts++;
      api.tools.register('lazy', { ...declared, handler: () => 'hi' });
    });
    await api.tools.call('lazy/greet', { who: 'x' });
    api.tools.unregisterAll('lazy');
    expect(api.tools.list().map((t) => t.id)).toEqual(['lazy/greet']);
    await api.tools.call('lazy/greet', { who: 'x' });
    expect(starts).toBe(2);
  });

  it('fails clearly when activation fails or the plugin does not register the tool it declares', async () => {
    const api = testApi();
    api.tools.declare('broken', declared, async () => Promise.reject(new Error('initialize threw')));
    await expect(api.tools.call('broken/greet', { who: 'x' })).rejects.toMatchObject({ code: ErrorCodes.TOOL_FAILED, message: "tool 'broken/greet' of plugin 'broken' failed: initialize threw" });
    api.tools.declare('forgetful', declared, async () => undefined);
    await expect(api.tools.call('forgetful/greet', { who: 'x' })).rejects.toMatchObject({
      code: ErrorCodes.TOOL_FAILED,
      message: "tool 'forgetful/greet' of plugin 'forgetful' failed: plugin 'forgetful' started but did not register tool 'forgetful/greet' that its plugin.json declares",
    });
  });

  it('another plugin cannot take a declared id', () => {
    const api = testApi({}, { 'b/greet': 'lazy/greet' });
    api.tools.declare('lazy', declared, async () => undefined);
    expect(() => api.tools.register('b', { ...declared, handler: () => 'x' })).toThrow("plugin 'b' cannot register tool 'lazy/greet': plugin 'lazy' already registered it");
  });
});
