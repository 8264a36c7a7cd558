import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '@berth/sdk';
import { berthPaths, Installer, parseSource, requestedGrants, type McpAddOptions } from '@berth/host';
import { closedPort, packFixture, serverPackage } from './fixture-packages.js';

// Issue 12: the install code tested from local tarballs made with `npm pack` (no registry), and offline.

const add = (args: string[] = []): McpAddOptions => ({ args, env: {}, envNames: [], secrets: [], allowNet: [], allowSpawn: [], readOnly: false });

describe('Installer, from local tarballs and folders', { timeout: 120_000 }, () => {
  let home: string;
  let markers: string;
  let tarball: string;
  let folder: string;
  let installer: Installer;
  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'berth-installer-'));
    markers = mkdtempSync(path.join(os.tmpdir(), 'berth-install-scripts-'));
    ({ tarball, folder } = await packFixture(serverPackage('berth-fixture-scripts', '1.0.0', { scriptsWriteTo: markers })));
    installer = new Installer({ paths: berthPaths({ configDir: path.join(home, 'config'), dataDir: path.join(home, 'data') }), registry: `http://127.0.0.1:${await closedPort()}/` });
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
    await rm(markers, { recursive: true, force: true });
    await rm(path.dirname(folder), { recursive: true, force: true });
  });

  it('installs a package whose install scripts write outside its folder: the install succeeds and no script ever runs', async () => {
    const staged = await installer.stage({ name: 'scripts', source: parseSource(tarball), kind: 'mcp', add: add() });
    const entry = await installer.commit(staged, []);
    expect(readdirSync(markers)).toEqual([]); // preinstall, install, postinstall, prepare: none ran
    expect(existsSync(path.join(entry.installDir, 'node_modules', 'berth-fixture-scripts', 'server.js'))).toBe(true);
    expect(entry.version).toBe('1.0.0');
    expect(entry.integrity).toMatch(/^sha512-/);
    expect(entry.source).toMatchObject({ kind: 'tarball', id: `tarball:${tarball}` });
    expect(Object.keys(entry.files)).toEqual(expect.arrayContaining(['plugin.json', 'node_modules/berth-fixture-scripts/server.js']));
    expect(readlinkSync(installer.linkPath('scripts'))).toBe(entry.pluginDir);
    const lock = JSON.parse(readFileSync(installer.lockFile, 'utf8')) as { plugins: Record<string, { version: string }> };
    expect(lock.plugins['scripts']?.version).toBe('1.0.0');
  });

  it('a folder source is packed without its prepare script and copied (the folder is not written to)', async () => {
    const before = readdirSync(folder).sort();
    const staged = await installer.stage({ name: 'from-folder', source: parseSource(folder), kind: 'mcp', add: add() });
    expect(staged.install.source.kind).toBe('folder');
    expect(staged.install.integrity).toMatch(/^sha512-/);
    expect(readdirSync(markers)).toEqual([]);
    expect(readdirSync(folder).sort()).toEqual(before);
    await installer.discard(staged);
    expect(existsSync(staged.install.installDir)).toBe(false);
  });

  it('generates the mcp manifest: node + the bin file, path arguments made absolute and granted, URL arguments as host:port', async () => {
    const notes = mkdtempSync(path.join(os.tmpdir(), 'berth-notes-'));
    const staged = await installer.stage({
      name: 'derived',
      source: parseSource(tarball),
      kind: 'mcp',
      add: { ...add([notes, 'postgresql://u:p@127.0.0.1:5544/db']), allowNet: ['api.example.com:443'], envNames: ['GITHUB_TOKEN'] },
    });
    expect(staged.manifest.server).toMatchObject({ command: 'node', args: ['node_modules/berth-fixture-scripts/server.js', notes, 'postgresql://u:p@127.0.0.1:5544/db'] });
    expect(requestedGrants(staged.manifest)).toEqual([
      { permission: 'filesystem.read', scope: [notes] },
      { permission: 'filesystem.write', scope: [notes] },
      { permission: 'network', scope: ['127.0.0.1:5544', 'api.example.com:443'] },
      { permission: 'env', scope: ['GITHUB_TOKEN'] },
    ]);
    await installer.discard(staged);
    await rm(notes, { recursive: true, force: true });
  });

  it('a program the server may start is granted by process.spawn only, never as a file to write', async () => {
    const staged = await installer.stage({ name: 'spawner', source: parseSource(tarball), kind: 'mcp', add: { ...add(['--executable-path', '/usr/bin/chromium']), allowSpawn: ['/usr/bin/chromium'] } });
    expect(requestedGrants(staged.manifest)).toEqual([{ permission: 'process.spawn', scope: ['/usr/bin/chromium'] }]);
    await installer.discard(staged);
  });

  it('registry unreachable (a closed loopback port): BERTH_REGISTRY_UNREACHABLE, nothing installed or locked', async () => {
    const lockBefore = readFileSync(installer.lockFile, 'utf8');
    const error = await installer.stage({ name: 'offline', source: parseSource('npm:@modelcontextprotocol/server-memory'), kind: 'mcp', add: add() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCodes.REGISTRY_UNREACHABLE });
    expect((error as Error).message).toContain('is unreachable (ECONNREFUSED); nothing was changed');
    expect(readFileSync(installer.lockFile, 'utf8')).toBe(lockBefore);
    const offlineDir = path.join(home, 'data', 'installs', 'offline');
    expect(existsSync(offlineDir) ? readdirSync(offlineDir) : []).toEqual([]);
    expect(existsSync(installer.linkPath('offline'))).toBe(false);
  });

  it('refuses a source that is neither npm:, a .tgz nor a folder', () => {
    const bad = path.join(home, 'not-a-package.txt');
    writeFileSync(bad, 'x');
    expect(() => parseSource(bad)).toThrow(expect.objectContaining({ code: ErrorCodes.SOURCE_INVALID }));
    expect(() => parseSource('npm:../escape')).toThrow(expect.objectContaining({ code: ErrorCodes.SOURCE_INVALID }));
    // A missing path is not told to try `npm:./nope`; a bare package name is told to write `npm:` first.
    expect(() => parseSource('./nope', home)).toThrow(expect.objectContaining({ message: expect.not.stringContaining('npm:./nope') }));
    expect(() => parseSource('left-pad', home)).toThrow(expect.objectContaining({ message: expect.stringContaining('npm:left-pad') }));
  });
});

