import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '@berth/sdk';
import { ConfigStore, Installer, parseSource, PluginHost, requestedGrants, type McpAddOptions } from '@berth/host';
import { packFixture, serverPackage } from './fixture-packages.js';

// Issue 12, acceptance 2 and 5, on a real PluginHost with installs made from npm-packed tarballs:
// - a file changed in an installed tree → that plugin refuses to start (BERTH_INSTALL_TAMPERED naming the file and
//   the fix); the other plugins run;
// - grants are bound to the install identity: a same-named plugin from another source, or another folder, asks again.

const add = (args: string[] = []): McpAddOptions => ({ args, env: {}, envNames: [], secrets: [], allowNet: [], allowSpawn: [], readOnly: false });

describe('installed plugins at start: integrity and identity', { timeout: 180_000 }, () => {
  let home: string;
  let work: string;
  let store: ConfigStore;
  let installer: Installer;
  let tarballA: string;
  let tarballB: string;
  const hosts: PluginHost[] = [];
  const startHost = async (extraDirs: string[] = []): Promise<PluginHost> => {
    const config = new ConfigStore({ configDir: path.join(home, 'config'), dataDir: path.join(home, 'data'), readProject: false });
    const host = new PluginHost({
      roots: [{ kind: 'user', dir: path.join(home, 'data', 'plugins') }, ...extraDirs.map((dir) => ({ kind: 'extra' as const, dir }))],
      config,
      logger: pino({ level: 'silent' }),
    });
    hosts.push(host);
    await host.start();
    return host;
  };
  const install = async (name: string, tarball: string, args: string[] = []): Promise<void> => {
    const staged = await installer.stage({ name, source: parseSource(tarball), kind: 'mcp', add: add(args) });
    const grants = requestedGrants(staged.manifest);
    await installer.commit(staged, grants);
    await store.setGrants(name, grants, staged.install.version, staged.identity);
  };

  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'berth-verify-'));
    work = mkdtempSync(path.join(os.tmpdir(), 'berth-verify-src-'));
    store = new ConfigStore({ configDir: path.join(home, 'config'), dataDir: path.join(home, 'data'), readProject: false });
    await store.load();
    installer = new Installer({ paths: store.paths });
    ({ tarball: tarballA } = await packFixture(serverPackage('berth-fixture-echo', '1.0.0'), path.join(work, 'a')));
    ({ tarball: tarballB } = await packFixture(serverPackage('berth-fixture-echo', '1.0.0', { extra: '// another build\n' }), path.join(work, 'b')));
    await install('echo-one', tarballA);
    await install('echo-two', tarballA);
  });
  afterAll(async () => {
    for (const host of hosts) await host.stop();
    await rm(home, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  it('installed servers start sandboxed and answer a call', async () => {
    const host = await startHost();
    expect(host.get('echo-one')?.state).toBe('active');
    expect(host.get('echo-one')?.tier).toMatch(/^mcp server, process/);
    const result = await host.api.tools.call('echo-one/echo', { text: 'hi' });
    expect(JSON.stringify(result.content)).toContain('echo: hi');
    await host.stop();
  });

  it('one changed file: that plugin refuses to start, naming the file and the fix; the other runs', async () => {
    const entry = installer.entry('echo-one');
    const file = path.join(entry.installDir, 'node_modules', 'berth-fixture-echo', 'server.js');
    appendFileSync(file, '\n// tampered\n');
    const host = await startHost();
    const info = host.get('echo-one');
    expect(info?.state).toBe('failed');
    expect(info?.reason?.code).toBe(ErrorCodes.INSTALL_TAMPERED);
    expect(info?.reason?.message).toContain(`${file} was changed after it was installed`);
    expect(info?.reason?.message).toContain('berth plugins update echo-one --reinstall');
    expect(host.get('echo-two')?.state).toBe('active');
    await host.stop();
  });

  it('an added file counts too', async () => {
    const entry = installer.entry('echo-two');
    writeFileSync(path.join(entry.installDir, 'node_modules', 'berth-fixture-echo', 'extra.js'), 'export {};\n');
    const host = await startHost();
    expect(host.get('echo-two')?.reason?.message).toContain('extra.js was added after it was installed');
    await host.stop();
  });

  it('a same-named plugin from another source does not inherit the grants: it waits for approval', async () => {
    const notes = mkdtempSync(path.join(os.tmpdir(), 'berth-verify-notes-'));
    await install('notes', tarballA, [notes]);
    const first = await startHost();
    expect(first.get('notes')?.state).toBe('active');
    await first.stop();
    // The same name, installed from another tarball, committed without a new approval (as a replaced folder would be).
    const staged = await installer.stage({ name: 'notes', source: parseSource(tarballB), kind: 'mcp', add: add([notes]) });
    await installer.commit(staged, []);
    const second = await startHost();
    expect(second.get('notes')?.state).toBe('needs-approval');
    expect(second.get('notes')?.missingPermissions).toEqual([
      { permission: 'filesystem.read', scope: [notes] },
      { permission: 'filesystem.write', scope: [notes] },
    ]);
    await second.stop();
    await rm(notes, { recursive: true, force: true });
  });

  it('a same-named plugin folder elsewhere does not inherit grants bound to another folder; old name-keyed grants still apply', async () => {
    const manifest = { name: 'folder-tool', version: '1.0.0', type: 'tool', main: 'index.js', permissions: ['network'] };
    const dirs = ['x', 'y'].map((d) => {
      const root = path.join(work, `root-${d}`);
      mkdirSync(path.join(root, 'folder-tool'), { recursive: true });
      writeFileSync(path.join(root, 'folder-tool', 'plugin.json'), JSON.stringify(manifest));
      writeFileSync(path.join(root, 'folder-tool', 'index.js'), 'export default { initialize() {} };\n');
      return root;
    });
    await store.setGrants('folder-tool', [{ permission: 'network' }], '1.0.0'); // written before identities existed
    const legacy = await startHost([dirs[0] ?? '']);
    expect(legacy.get('folder-tool')?.state).not.toBe('needs-approval');
    const identity = legacy.get('folder-tool')?.identity;
    expect(identity).toBe(`folder:${path.join(dirs[0] ?? '', 'folder-tool')}`);
    await legacy.stop();
    await store.setGrants('folder-tool', [{ permission: 'network' }], '1.0.0', identity);
    const same = await startHost([dirs[0] ?? '']);
    expect(same.get('folder-tool')?.state).not.toBe('needs-approval');
    await same.stop();
    const other = await startHost([dirs[1] ?? '']);
    expect(other.get('folder-tool')?.state).toBe('needs-approval');
    expect(other.get('folder-tool')?.missingPermissions).toEqual([{ permission: 'network' }]);
    await other.stop();
  });
});

describe('comparing tree digests', () => {
  it('an added file named like an Object.prototype member (constructor, toString, __proto__) is still an added file', async () => {
    const { firstDifference } = await import('@berth/host');
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const now = JSON.parse(`{"package.json":"sha512-a",${JSON.stringify(name)}:"sha512-b"}`) as Record<string, string>;
      expect(firstDifference({ 'package.json': 'sha512-a' }, now), name).toEqual({ file: name, change: 'added' });
      const recorded = JSON.parse(`{"package.json":"sha512-a",${JSON.stringify(name)}:"sha512-b"}`) as Record<string, string>;
      expect(firstDifference(recorded, { 'package.json': 'sha512-a' }), name).toEqual({ file: name, change: 'missing' });
    }
  });
});
