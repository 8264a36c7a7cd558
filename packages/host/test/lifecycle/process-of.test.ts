import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempHost } from '../support/temp-host.js';

const examples = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'examples');

describe('PluginHost.processOf: the process a running plugin has of its own (the console\u2019s health view)', { timeout: 120_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('a sandboxed plugin and an MCP plugin\u2019s server each have a live pid; a plugin not running has none', async () => {
    const made = await tempHost([{ kind: 'extra', dir: examples }]);
    cleanups.push(made.cleanup);
    await made.host.start();
    for (const name of ['echo-tool', 'mcp-notes']) {
      expect(made.host.get(name)?.state, name).toBe('active');
      const proc = made.host.processOf(name);
      expect(proc?.restarts, name).toBe(0);
      expect(proc?.pid, name).toBeGreaterThan(0);
      expect(existsSync(`/proc/${proc?.pid}`), name).toBe(true);
    }
    await made.host.disable('echo-tool');
    expect(made.host.processOf('echo-tool')).toBeUndefined();
    expect(made.host.processOf('no-such-plugin')).toBeUndefined();
  });
});
