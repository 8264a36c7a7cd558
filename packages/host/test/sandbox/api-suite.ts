import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceRef } from '@berth/sdk';
import type { PluginInstance, PluginRunner } from '@berth/host';
import { createHarness, FIXTURES, runnable, type Harness } from './harness.js';

const fail = (p: Promise<unknown>): Promise<{ code?: string; message: string; cause?: { code?: string; message: string } }> =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as { code?: string; message: string },
  );

/**
 * The plugin API, end to end, through a runner: run once per tier (acceptance 3). Each test uses the real
 * host-side API (`createPluginApi` + `createPluginContext`) and the fixture plugins `good` and `guard`.
 */
export function describeApiSuite(tier: string, makeRunner: (h: Harness) => PluginRunner): void {
  describe(`plugin API through the ${tier} tier`, () => {
    let h: Harness;
    const instances: PluginInstance[] = [];
    beforeAll(async () => {
      h = createHarness();
      h.grants.set('guard', [{ permission: 'hooks.tools' }]);
      const runner = makeRunner(h);
      for (const name of ['good', 'guard']) {
        const plugin = runnable(`${FIXTURES}${name}`);
        instances.push(await runner.start(plugin, h.context(plugin, { greeting: 'hello', n: 3 })));
      }
    });
    afterAll(async () => {
      for (const i of instances) await i.stop();
      h.cleanup();
    });

    it('tools: registered in the plugin, listed and called through the registry', async () => {
      expect(h.api.tools.list().map((t) => t.id)).toEqual(expect.arrayContaining(['good/echo', 'good/slow', 'good/fail']));
      const result = await h.api.tools.call('good/echo', { a: [1, 'x'] });
      expect(result.structuredContent?.['args']).toEqual({ a: [1, 'x'] });
    });

    it('tools: a handler error reaches the caller as ToolFailedError with its message', async () => {
      const error = await fail(h.api.tools.call('good/fail', {}));
      expect(error.code).toBe('BERTH_TOOL_FAILED');
      expect(error.message).toBe("tool 'good/fail' of plugin 'good' failed: failing on purpose");
    });

    it('tools: progress is forwarded to the caller', async () => {
      const seen: number[] = [];
      await h.api.tools.call('good/slow', { steps: 3, stepMs: 5 }, { onProgress: (p) => seen.push(p.progress) });
      expect(seen).toEqual([1, 2, 3]);
    });

    it('tools: cancelling rejects at once with CallCancelledError and aborts the handler', async () => {
      const controller = new AbortController();
      const call = fail(h.api.tools.call('good/slow', { steps: 50, stepMs: 100 }, { signal: controller.signal }));
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      const error = await call;
      expect(Date.now() - started).toBeLessThan(1000);
      expect(error.code).toBe('BERTH_CALL_CANCELLED');
      expect(error.message).toBe("tool 'good/slow' of plugin 'good' was cancelled by the caller");
    });

    it('tools: a plugin lists and calls tools through its context', async () => {
      const result = await h.api.tools.call('good/callEcho', { via: 'plugin' });
      expect(result.structuredContent?.['args']).toEqual({ via: 'plugin' });
      const context = (await h.api.tools.call('good/context', {})).structuredContent as Record<string, unknown>;
      expect(context['tools']).toEqual(expect.arrayContaining(['good/echo', 'good/context']));
    });

    it('config, identity and data folder reach the plugin', async () => {
      const context = (await h.api.tools.call('good/context', {})).structuredContent as Record<string, unknown>;
      expect(context['config']).toEqual({ greeting: 'hello', n: 3 });
      expect(context['plugin']).toEqual({ name: 'good', version: '1.0.0', dir: `${FIXTURES}good` });
      expect(context['dataDir']).toBe(`${h.dir}/data/good`);
    });

    it('hooks: a guard in a plugin denies a call; an afterCall hook transforms a result', async () => {
      const error = await fail(h.api.tools.call('good/echo', { deny: true }));
      expect(error.code).toBe('BERTH_TOOL_DENIED');
      expect(error.message).toContain('asked to deny');
      const result = await h.api.tools.call('good/echo', { deny: false });
      expect(result.content.at(-1)).toEqual({ type: 'text', text: 'guarded' });
    });

    it('events: a plugin listens and emits its own namespaced events', async () => {
      const pong = new Promise((resolve) => h.api.events.on('tester', 'good:pong', resolve));
      h.api.events.emit('good:ping', { n: 42 });
      await expect(pong).resolves.toEqual({ n: 42 });
    });

    it('services: a service a plugin provides is callable by a dependent', async () => {
      const math = h.api.services.get<{ add(a: number, b: number): Promise<number> }>({ plugin: 'tester', dependencies: ['good'] }, createServiceRef({ id: 'good.math' }));
      await expect(math.add(2, 3)).resolves.toBe(5);
    });

    it('services: a plugin uses host services and services through its context', async () => {
      const result = await h.api.tools.call('good/viaServices', {});
      expect(result.structuredContent).toEqual({ tools: true, sum: 42, again: 2 });
    });

    it('providers: chat and stream through the provider registry', async () => {
      const models = await h.api.providers.listModels();
      expect(models.map((m) => m.id)).toContain('good/m1');
      const response = await h.api.providers.chat('good/m1', { messages: [{ role: 'user', content: 'hi' }] });
      expect(response.message.content).toBe('echo: hi');
      const parts: string[] = [];
      for await (const part of h.api.providers.stream('good/m1', { messages: [{ role: 'user', content: 'hi' }] })) parts.push(part.type === 'text-delta' ? part.text : part.type);
      expect(parts).toEqual(['start', 'one', 'two', 'three', 'finish']);
    });

    it('providers: streamWire chunks come through as they were yielded (over the channel in a sandbox)', async () => {
      const wire = await h.api.providers.streamWire('good/m1', { messages: [{ role: 'user', content: 'hi' }] }, { includeUsage: true });
      const chunks: unknown[] = [];
      for await (const chunk of wire ?? []) chunks.push(chunk);
      expect(chunks).toEqual([
        '{"id":"s1","model":"m1","choices":[{"index":0,"delta":{"content":"one"}}]}',
        '{"id":"s1","model":"m1","choices":[{"index":0,"delta":{"content":"two"}}]}',
        '{"model":"x","choices":[],"usage":{"total_tokens":2}}',
      ]);
    });

    it('logger: the plugin logs under its name', async () => {
      expect(h.logs.some((l) => l.plugin === 'good' && l.msg === 'good plugin initialized')).toBe(true);
    });
  });
}
