import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import pino from 'pino';
import { serveHost, type PluginHost } from '@berth/host';
import { tempHost } from '../support/temp-host.js';
import { callLoop, eventually, interleavedAfterSwitch, pluginRoot, rewrite, type Answer } from './support.js';

const textOf = (result: { content: readonly { type: string; text?: string }[] }): string => result.content.map((c) => c.text ?? '').join('');

async function mcpClient(url: string, token: string): Promise<Client> {
  const client = new Client({ name: 'reload-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  return client;
}

function expectAllSucceeded(answers: readonly Answer[]): void {
  expect(answers.filter((a) => a.failed)).toEqual([]);
}

describe('acceptance 6: hot reload under load (sandboxed process tier, file watcher)', { timeout: 120_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  it('v1 then v2 with every call answered and no interleaving after the switch; a broken v3 leaves v2 serving', async () => {
    const root = await pluginRoot('hot');
    cleanups.push(root.cleanup);
    const pluginDir = path.join(root.dir, 'hot');
    const made = await tempHost([{ kind: 'extra', dir: root.dir }]);
    cleanups.push(made.cleanup);
    const host: PluginHost = made.host;
    await host.start();
    expect(host.get('hot')?.state).toBe('active');
    const stopWatching = await host.watchPlugins({ debounceMs: 50 });
    cleanups.push(stopWatching);
    const serving = await serveHost(host, { port: 0, token: 'reload-test-token', logger: pino({ level: 'silent' }) });
    cleanups.push(() => serving.close());
    const mcp = await mcpClient(serving.mcpUrl ?? '', 'reload-test-token');
    cleanups.push(() => mcp.close());

    const direct = callLoop(async () => textOf(await host.api.tools.call('hot/version', { delayMs: 2 })), 4);
    const overMcp = callLoop(async () => {
      const result = (await mcp.callTool({ name: 'hot__version', arguments: { delayMs: 2 } })) as { isError?: boolean; content: { type: string; text?: string }[] };
      if (result.isError === true) throw new Error(textOf(result));
      return textOf(result);
    }, 2);
    await eventually(() => direct.answers.length + overMcp.answers.length, (n) => n > 50);

    await rewrite(pluginDir, { answer: 'v2', manifest: { version: '1.1.0' } });
    await eventually(() => direct.answers.filter((a) => a.text === 'v2').length, (n) => n > 20);
    await eventually(() => overMcp.answers.filter((a) => a.text === 'v2').length, (n) => n > 5);
    expect(host.get('hot')).toMatchObject({ state: 'active', version: '1.1.0' });

    // Three broken v3s, one after the other: each reported, v2 serving throughout.
    const broken: { change: Parameters<typeof rewrite>[1]; cause: (causes: readonly { code?: string; message: string }[]) => boolean }[] = [
      {
        change: { manifest: { version: '1.2.0' }, code: 'export default { initialize(context) { context.tools.register( };\n' },
        cause: (causes) => causes.some((c) => /SyntaxError|Unexpected token/.test(c.message)),
      },
      {
        change: { manifest: { version: '1.3.0' }, code: "export default { initialize() { throw new Error('v3 refuses to start'); } };\n" },
        cause: (causes) => causes[0]?.code === 'BERTH_INITIALIZE_FAILED' && causes.some((c) => c.message.includes('v3 refuses to start')),
      },
      { change: { manifest: { version: 'not-a-version' } }, cause: (causes) => causes[0]?.code === 'BERTH_MANIFEST_INVALID' && causes[0].message.includes('/version') },
    ];
    for (const { change, cause } of broken) {
      await rewrite(pluginDir, change);
      const info = await eventually(() => host.get('hot'), (i) => cause(i?.reloadError?.causes ?? []));
      expect(cause(info?.reloadError?.causes ?? [])).toBe(true);
      expect(info?.reloadError?.code).toBe('BERTH_RELOAD_FAILED');
      expect(info?.reloadError?.message).toContain("plugin 'hot' was not reloaded:");
      expect(info?.reloadError?.message).toContain('version 1.1.0 keeps serving');
      expect(info).toMatchObject({ state: 'active', version: '1.1.0' });
      expect(textOf(await host.api.tools.call('hot/version', {}))).toBe('v2');
    }

    await direct.stop();
    await overMcp.stop();
    for (const answers of [direct.answers, overMcp.answers]) {
      expectAllSucceeded(answers);
      expect(new Set(answers.map((a) => a.text))).toEqual(new Set(['v1', 'v2']));
      expect(answers[0]?.text).toBe('v1');
      expect(interleavedAfterSwitch(answers, 'v2')).toEqual([]);
    }
  });
});
