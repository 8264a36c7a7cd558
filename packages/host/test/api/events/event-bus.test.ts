import { ErrorCodes, EventNameInvalidError } from '@berth/sdk';
import { describe, expect, it } from 'vitest';
import { contextFor, testApi } from '../api-fixtures.js';

describe('events', () => {
  it("namespaces a plugin's events as <plugin>:<event> and delivers a copy of the payload", () => {
    const api = testApi();
    const indexer = contextFor(api, 'indexer').context;
    const seen: unknown[] = [];
    contextFor(api, 'ui').context.events.on('indexer:done', (p) => void seen.push(p));
    const payload = { files: 3 };
    indexer.events.emit('done', payload);
    expect(seen).toEqual([{ files: 3 }]);
    expect(seen[0]).not.toBe(payload);
  });

  it("a listener's error never reaches the emitter or the other listeners; it is logged with the listener's plugin", async () => {
    const api = testApi();
    const seen: string[] = [];
    contextFor(api, 'bad').context.events.on('src:tick', () => {
      throw new Error('listener broke');
    });
    contextFor(api, 'bad2').context.events.on('src:tick', async () => Promise.reject(new Error('async broke')));
    contextFor(api, 'good').context.events.on('src:tick', () => void seen.push('good'));
    expect(() => contextFor(api, 'src').context.events.emit('tick')).not.toThrow();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['good']);
    expect(api.lines.filter((l) => l.level === 50).map((l) => [l.plugin, l.msg])).toEqual([
      ['bad', "a listener of plugin 'bad' for event 'src:tick' failed: listener broke"],
      ['bad2', "a listener of plugin 'bad2' for event 'src:tick' failed: async broke"],
    ]);
  });

  it('on() returns an unsubscribe, and a stopped plugin loses its listeners', () => {
    const api = testApi();
    const seen: string[] = [];
    const a = contextFor(api, 'a');
    const off = a.context.events.on('src:x', () => void seen.push('off'));
    a.context.events.on('src:x', () => void seen.push('a'));
    contextFor(api, 'b').context.events.on('src:x', () => void seen.push('b'));
    off();
    a.dispose();
    contextFor(api, 'src').context.events.emit('x');
    expect(seen).toEqual(['b']);
  });

  it('host events reach plugin listeners typed (contribution:added when a tool registers)', () => {
    const api = testApi();
    const seen: unknown[] = [];
    contextFor(api, 'watcher').context.events.on('contribution:added', (change) => void seen.push(change));
    contextFor(api, 'tools').context.tools.register({ name: 'echo', description: 'e', inputSchema: { type: 'object' }, handler: () => 'x' });
    expect(seen).toEqual([{ kind: 'tool', id: 'tools/echo', plugin: 'tools' }]);
  });

  it('refuses an event name that would shadow a host event or carries a colon', () => {
    const api = testApi();
    const config = contextFor(api, 'config').context;
    const heard: unknown[] = [];
    api.events.on('(host)', 'config:changed', (p) => void heard.push(p));
    let error: unknown;
    try {
      config.events.emit('changed', { plugin: 'victim', keys: ['token'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EventNameInvalidError);
    expect((error as EventNameInvalidError).code).toBe(ErrorCodes.EVENT_NAME_INVALID);
    expect((error as EventNameInvalidError).message).toBe("plugin 'config' cannot emit event 'changed': 'config:changed' is a host event");
    expect(heard).toEqual([]);
    expect(() => contextFor(api, 'x').context.events.emit('other:thing')).toThrow(
      "plugin 'x' cannot emit event 'other:thing': an event name is 1 to 64 characters from A-Z a-z 0-9 _ . -",
    );
  });
});
