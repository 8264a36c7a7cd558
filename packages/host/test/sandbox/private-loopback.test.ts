import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeBwrap, type SandboxMode } from '@berth/host';
import { corpusRunner, openBait, type Bait } from './corpus-runner.js';
import { createHarness, runnable, type Harness } from './harness.js';

// Issue 19, point 5: a plugin that starts a program listening on loopback (a browser's debugging port, on a random
// port) reaches it without any network grant when bubblewrap gives the sandbox its own, empty network namespace —
// and that loopback is not the host's: the host's loopback server (the bait) stays out of reach. Without
// bubblewrap the loopback is the host's, so the guard keeps refusing (a network grant is needed there).

const CHILD_SERVER = "require('net').createServer((s) => s.end('hello from my child')).listen(0, '127.0.0.1', function () { console.log(this.address().port) })";

function pluginFolder(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-loopback-')));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  fs.writeFileSync(
    path.join(dir, 'plugin.json'),
    JSON.stringify({ name: 'loopback-child', version: '1.0.0', type: 'tool', main: 'index.js', permissions: [{ permission: 'process.spawn', programs: [process.execPath] }] }),
  );
  fs.writeFileSync(
    path.join(dir, 'index.js'),
    `import cp from 'node:child_process';
import net from 'node:net';
const read = (port) => new Promise((resolve) => {
  try {
    const s = net.connect(port, '127.0.0.1');
    let text = '';
    s.on('data', (d) => (text += d));
    s.on('end', () => resolve(text));
    s.on('error', (e) => resolve('error ' + e.code));
    s.write(process.env.TOKEN ?? 'loopback-child');
  } catch (e) { resolve('error ' + e.code); }
});
export default {
  initialize(ctx) {
    ctx.tools.register({ name: 'probe', description: 'x', inputSchema: { type: 'object' }, handler: async () => {
      const child = cp.spawn(${JSON.stringify(process.execPath)}, ['-e', ${JSON.stringify(CHILD_SERVER)}], { stdio: ['ignore', 'pipe', 'pipe'] });
      const port = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
      const own = await read(port);
      const host = await read(ctx.config.get('port'));
      child.kill();
      return { own, host };
    } });
  },
};
`,
  );
  return dir;
}

const modes: SandboxMode[] = probeBwrap().usable ? ['bwrap', 'nobwrap'] : ['nobwrap'];

describe.each(modes)('a sandboxed plugin and the loopback of the programs it starts (%s)', (mode) => {
  let h: Harness;
  let bait: Bait;
  let dir: string;
  beforeAll(async () => {
    h = createHarness();
    bait = await openBait();
    dir = pluginFolder();
  });
  afterAll(() => {
    bait.close();
    h.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(mode === 'bwrap' ? "reaches its own child's listener, never the host's loopback" : 'is refused both (the loopback is the host\'s)', async () => {
    const plugin = runnable(dir);
    h.grants.set(plugin.name, [{ permission: 'process.spawn', scope: [process.execPath] }]);
    const runner = corpusRunner(h, mode);
    const instance = await runner.start(plugin, h.context(plugin, { port: bait.port }));
    try {
      const result = await h.api.tools.call('loopback-child/probe', {});
      const data = result.structuredContent as { own: string; host: string };
      if (mode === 'bwrap') {
        expect(data.own).toBe('hello from my child');
        expect(data.host).toBe('error ECONNREFUSED'); // the sandbox's loopback has nothing on the host's port
      } else {
        expect(data.own).toBe('error ERR_ACCESS_DENIED');
        expect(data.host).toBe('error ERR_ACCESS_DENIED');
      }
      expect(bait.seen).toEqual([]);
    } finally {
      await instance.stop();
    }
  });
});
