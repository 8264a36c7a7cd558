import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessRunner, type SandboxMode } from '@berth/host';
import { createHarness, HOSTILE, runnable, type Harness } from './harness.js';

/** A UNIX socket server recording what reaches it. */
async function socketServer(file: string): Promise<{ seen: string[]; close(): void }> {
  const seen: string[] = [];
  const server = net.createServer((c) => {
    seen.push('connection');
    c.on('data', (d) => seen.push(String(d)));
    c.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(file, resolve));
  return { seen, close: () => server.close() };
}

describe.each(['bwrap', 'nobwrap'] as const)('network guard socket allow-list (%s)', (mode: SandboxMode) => {
  let h: Harness | undefined;
  afterEach(() => h?.cleanup());

  it('an options getter naming the allowed socket only when first read still reaches only the allowed socket', async () => {
    h = createHarness();
    const plugin = runnable(`${HOSTILE}socket-getter-toctou`);
    const data = path.join(h.dir, 'data', plugin.name);
    fs.mkdirSync(data, { recursive: true });
    const allowedFile = path.join(data, 'policy.sock');
    const forbiddenFile = path.join(h.dir, 'forbidden.sock');
    const allowed = await socketServer(allowedFile);
    const forbidden = await socketServer(forbiddenFile);
    try {
      const runner = new ProcessRunner({ mode, grants: () => [], extraEnv: () => ({ BERTH_ALLOWED_SOCKETS: JSON.stringify([allowedFile]) }) });
      const instance = await runner.start(plugin, h.context(plugin, { allowed: allowedFile, forbidden: forbiddenFile, token: 'toctou' }));
      await h.api.tools.call(`${plugin.name}/attack`, {}).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      expect(forbidden.seen).toEqual([]);
      expect(allowed.seen).toContain('toctou');
      await instance.stop();
    } finally {
      allowed.close();
      forbidden.close();
    }
  });
});
