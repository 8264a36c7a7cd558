import { describe, expect, it } from 'vitest';
import { PluginStateError, type PluginContext } from '@berth/sdk';
import { generationContext, type PluginApi } from '@berth/host';
import { contextFor, testApi } from '../api/api-fixtures.js';

const text = async (api: PluginApi, id = 'hot/version'): Promise<string> => (await api.tools.call(id, {})).content.map((c) => ('text' in c ? c.text : '')).join('');

function registerVersion(context: PluginContext, answer: string): void {
  context.tools.register({ name: 'version', description: answer, inputSchema: { type: 'object' }, handler: () => answer });
}

describe('a staged generation (a reload\'s new version before the switch)', () => {
  it('registers nothing callers can see until commit; the switch is one synchronous step', async () => {
    const api = testApi({ hot: ['hooks.tools'] });
    const v1 = generationContext(contextFor(api, 'hot'));
    registerVersion(v1.context, 'v1');
    const v2 = generationContext(contextFor(api, 'hot'), { tools: api.tools, providers: api.providers });
    registerVersion(v2.context, 'v2');
    v2.context.hooks.on('tool:beforeCall', () => ({ deny: true, reason: 'v2 guard' }));
    v2.context.services.provide({ id: 'hot.service' }, { version: () => 'v2' });

    expect(await text(api)).toBe('v1');
    expect(api.tools.get('hot/version')?.description).toBe('v1');
    expect(api.hooks.count('tool:beforeCall')).toBe(0);
    expect(() => api.services.get({ plugin: 'hot', dependencies: [] }, { id: 'hot.service' })).toThrow(/no running plugin provides it/);

    const changes: string[] = [];
    api.tools.onChange((change) => changes.push(`${change.type} ${change.tool.description}`));
    v1.dispose();
    expect(v2.commit()).toEqual([]);

    expect(changes).toEqual(['removed v1', 'added v2']);
    expect(api.tools.get('hot/version')?.description).toBe('v2');
    expect(api.hooks.count('tool:beforeCall')).toBe(1);
    await expect(api.tools.call('hot/version', {})).rejects.toMatchObject({ code: 'BERTH_TOOL_DENIED' });
  });

  it('checks each registration when it is made, so a broken new version fails its initialize, not the switch', () => {
    const api = testApi();
    const other = generationContext(contextFor(api, 'other'));
    registerVersion(other.context, 'other');
    const v2 = generationContext(contextFor(api, 'hot'), { tools: api.tools, providers: api.providers });
    expect(() => v2.context.tools.register({ name: 'bad name!', description: '', inputSchema: { type: 'object' }, handler: () => '' })).toThrow(
      expect.objectContaining({ code: 'BERTH_CONTRIBUTION_ID_INVALID' }),
    );
    expect(() => v2.context.tools.register({ name: 'x', description: '', inputSchema: { type: 'nonsense' } as never, handler: () => '' })).toThrow(
      expect.objectContaining({ code: 'BERTH_TOOL_SCHEMA_INVALID' }),
    );
    // Hostile: without hooks.tools, a staged guard is refused at once (the check is a real registration, removed in the same step).
    expect(() => v2.context.hooks.on('tool:beforeCall', () => undefined)).toThrow(
      expect.objectContaining({ code: 'BERTH_PERMISSION_DENIED', message: expect.stringContaining("'hot'") as string }),
    );
    expect(api.hooks.count('tool:beforeCall')).toBe(0);
  });

  it('hostile: a discarded new version (failed initialize) that keeps running cannot register anything, ever', async () => {
    const api = testApi();
    const v1 = generationContext(contextFor(api, 'hot'));
    registerVersion(v1.context, 'v1');
    const v2 = generationContext(contextFor(api, 'hot'), { tools: api.tools, providers: api.providers });
    const held = v2.context;
    registerVersion(held, 'v2');
    v2.discard();

    const late = (): unknown => held.tools.register({ name: 'late', description: '', inputSchema: { type: 'object' }, handler: () => 'late' });
    expect(late).toThrow(PluginStateError);
    expect(late).toThrow("cannot register a tool for plugin 'hot': it is stopped");
    expect(() => held.events.emit('sneak', null)).toThrow(expect.objectContaining({ code: 'BERTH_PLUGIN_STATE' }));
    expect(await text(api)).toBe('v1');
    expect(api.tools.list().map((t) => t.id)).toEqual(['hot/version']);
  });

  it('hostile: a plugin named "plugin" cannot emit the host event plugin:reloaded', () => {
    const api = testApi();
    const handle = contextFor(api, 'plugin');
    expect(() => handle.context.events.emit('reloaded', { plugin: 'hot', from: '1', to: '2' })).toThrow(
      expect.objectContaining({ code: 'BERTH_EVENT_NAME_INVALID', message: expect.stringContaining("'plugin:reloaded' is a host event") as string }),
    );
  });
});
