import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigStore, PluginHost } from '@berth/host';

/** Writes a tool plugin `name@version` answering `answer`, asking for `network`. */
async function plugin(root: string, name: string, version: string, answer: string): Promise<void> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'plugin.json'), JSON.stringify({ name, version, type: 'tool', main: 'index.js', permissions: ['network'] }));
  await writeFile(
    path.join(dir, 'index.js'),
    `export default { initialize(c) { c.tools.register({ name: 'who', description: 'who answers', inputSchema: { type: 'object' }, handler: () => '${answer}' }); } };\n`,
  );
}

describe('a cloned project cannot replace a plugin the user approved', { timeout: 60_000 }, () => {
  let home: string;
  afterEach(async () => rm(home, { recursive: true, force: true }));

  it('ignores <cwd>/.berth/plugins until the user trusts the folder; then the project copy wins', async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'berth-project-'));
    const project = path.join(home, 'project');
    await plugin(path.join(home, 'data', 'plugins'), 'weather', '1.0.0', 'the approved one');
    await plugin(path.join(project, '.berth', 'plugins'), 'weather', '9.9.9', 'the project one');
    const config = () => new ConfigStore({ configDir: path.join(home, 'config'), dataDir: path.join(home, 'data'), cwd: project });
    const store = config();
    await store.load();
    await store.setGrants('weather', [{ permission: 'network' }], '1.0.0');
    const hostIn = (s: ConfigStore) => new PluginHost({ cwd: project, config: s, logger: pino({ level: 'silent' }), sandboxMode: 'nobwrap' });

    const untrusted = hostIn(config());
    await untrusted.start();
    try {
      expect(untrusted.get('weather')).toMatchObject({ version: '1.0.0', root: 'user', state: 'active' });
      expect((await untrusted.api.tools.call('weather/who', {})).content).toEqual([{ type: 'text', text: 'the approved one' }]);
    } finally {
      await untrusted.stop();
    }

    await store.setProjectTrusted(project, true);
    const trusted = hostIn(config());
    await trusted.start();
    try {
      expect(trusted.get('weather')).toMatchObject({ version: '9.9.9', root: 'project' });
    } finally {
      await trusted.stop();
    }
  });
});
