import { ErrorCodes, type Provider } from '@berth/sdk';
import { describe, expect, it } from 'vitest';
import { testApi } from '../api/api-fixtures.js';

const echo: Provider = {
  name: 'echo',
  listModels: async () => [{ id: 'echo-1' }, { id: 'echo-2' }],
  chat: async (request) => ({ id: '1', model: request.model, message: { role: 'assistant', content: 'pong' }, finishReason: 'stop' }),
  stream: async function* () {
    yield { type: 'finish', reason: 'stop' } as const;
  },
};
const hello = { messages: [{ role: 'user' as const, content: 'ping' }] };

describe('provider registry: lazy activation', () => {
  it('lists declared models before the plugin runs, and starts it (once) on the first request', async () => {
    const api = testApi();
    let starts = 0;
    api.providers.declare('lazy', { name: 'echo', models: ['echo-1'] }, async () => {
      starts++;
      api.providers.register('lazy', echo);
    });
    expect((await api.providers.listModels()).map((m) => m.id)).toEqual(['lazy/echo-1']);
    expect(starts).toBe(0);
    const answers = await Promise.all([api.providers.chat('lazy/echo-1', hello), api.providers.chat('lazy/echo-1', hello)]);
    expect(answers.map((a) => a.message.content)).toEqual(['pong', 'pong']);
    expect(starts).toBe(1);
    expect((await api.providers.listModels()).map((m) => m.id)).toEqual(['lazy/echo-1', 'lazy/echo-2']);
  });

  it('after the plugin stops its declaration comes back; a plugin that registers nothing gives PROVIDER_NOT_FOUND', async () => {
    const api = testApi();
    let starts = 0;
    api.providers.declare('lazy', { name: 'echo' }, async () => {
      starts++;
      api.providers.register('lazy', echo);
    });
    await api.providers.chat('lazy/echo-1', hello);
    api.providers.unregisterAll('lazy');
    expect(api.providers.list()).toEqual([{ id: 'lazy/echo', plugin: 'lazy', name: 'echo' }]);
    await api.providers.chat('lazy/echo-1', hello);
    expect(starts).toBe(2);
    api.providers.declare('idle', { name: 'x' }, async () => undefined);
    await expect(api.providers.chat('idle/m', hello)).rejects.toMatchObject({ code: ErrorCodes.PROVIDER_NOT_FOUND });
  });
});
