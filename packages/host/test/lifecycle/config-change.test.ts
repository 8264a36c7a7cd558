import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigStore, SettingsSchema, type PluginHost } from '@berth/host';
import { lifecycleFixtures, tempHost } from '../support/temp-host.js';

const root = { kind: 'extra' as const, dir: path.join(lifecycleFixtures, 'config-change') };

async function state(host: PluginHost, plugin: string): Promise<{ greeting: string; pid: string; seen?: { keys: string[]; old: unknown; new: unknown }[] }> {
  const result = await host.api.tools.call(`${plugin}/state`, {});
  return result.structuredContent as never;
}

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a running host applies configuration changes made by another process', { timeout: 60_000 }, () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('without restart (config:changed event, new context.config) and with restart (declared in the manifest)', async () => {
    const made = await tempHost([root]);
    const stopWatching = { fn: async () => undefined as void };
    cleanup = async () => {
      await stopWatching.fn();
      await made.cleanup();
    };
    await made.host.start();
    stopWatching.fn = await made.host.watchConfig({ debounceMs: 20 });
    const before = { event: await state(made.host, 'on-event'), restart: await state(made.host, 'on-restart') };
    expect(before.event.greeting).toBe('hello');

    // Another writer (as `berth config set` would be) changes both plugins' settings on disk.
    const cli = new ConfigStore({ configDir: path.join(made.home, 'config'), dataDir: path.join(made.home, 'data'), readProject: false });
    await cli.load();
    const schema = (name: string) => SettingsSchema.for(name, '1.0.0', { greeting: { type: 'string', default: 'hello' } });
    await cli.setSetting('on-event', 'greeting', 'bonjour', schema('on-event'));
    await cli.setSetting('on-restart', 'greeting', 'hola', schema('on-restart'));

    const event = await eventually(() => state(made.host, 'on-event'), (s) => s.greeting === 'bonjour');
    expect(event.greeting).toBe('bonjour');
    expect(event.pid).toBe(before.event.pid);
    expect(event.seen).toEqual([{ plugin: 'on-event', keys: ['greeting'], old: { greeting: 'hello' }, new: { greeting: 'bonjour' } }]);

    const restarted = await eventually(() => state(made.host, 'on-restart').catch(() => before.restart), (s) => s.greeting === 'hola');
    expect(restarted.greeting).toBe('hola');
    expect(restarted.pid).not.toBe(before.restart.pid);
  });
});
