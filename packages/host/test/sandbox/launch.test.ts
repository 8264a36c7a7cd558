import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildLaunch, findEscapingSymlinks, IDLE_SIZE_FLAG, pluginEnv, scopeVarsFor, type LaunchRequest, type SandboxCode } from '@berth/host';

const code: SandboxCode = {
  hostDir: '/berth/host',
  childEntry: '/berth/host/dist/sandbox/child/main.js',
  guard: '/berth/host/dist/sandbox/child/guard.js',
  networkGuard: '/berth/host/dist/sandbox/child/network-guard.js',
  servingTier: '/berth/host/dist/sandbox/child/serving-tier.js',
  readable: ['/berth/host/dist', '/berth/host/package.json', '/berth/node_modules/vscode-jsonrpc'],
  links: [{ path: '/berth/node_modules/@berth/sdk', target: '/berth/sdk' }],
};

function request(overrides: Partial<LaunchRequest> = {}): LaunchRequest {
  return {
    plugin: 'p',
    pluginDir: '/plugins/p',
    grants: [],
    vars: scopeVarsFor('/plugins/p', '/data/p'),
    mode: 'nobwrap',
    code,
    nodePath: process.execPath,
    bwrapPath: '/usr/bin/bwrap',
    prlimitPath: '/usr/bin/prlimit',
    heapMb: 128,
    addressSpaceMb: 2048,
    berthFolders: [],
    hostEnv: { HOME: '/root', AWS_SECRET_ACCESS_KEY: 'x', GITHUB_TOKEN: 'g', BERTH_TOKEN: 'b', NODE_OPTIONS: '--inspect' },
    ...overrides,
  };
}

const valuesOf = (args: readonly string[], flag: string): string[] => args.filter((a) => a.startsWith(`${flag}=`)).map((a) => a.slice(flag.length + 1));

describe('the command line of a sandboxed plugin', () => {
  it('no grants: permission model with one --allow-fs-read per path, data folder writable, both guards, caps, no env', () => {
    const launch = buildLaunch(request());
    expect(launch.command).toBe('/usr/bin/prlimit');
    expect(launch.args.slice(0, 2)).toEqual([`--as=${2048 * 1024 * 1024}`, '--']);
    expect(launch.args).toContain('--experimental-permission');
    expect(valuesOf(launch.args, '--allow-fs-read')).toEqual([...code.readable, '/berth/node_modules/@berth/sdk', '/plugins/p', '/data/p']);
    expect(valuesOf(launch.args, '--allow-fs-write')).toEqual(['/data/p']);
    for (const flag of ['--allow-child-process', '--allow-worker', '--allow-addons']) expect(launch.args).not.toContain(flag);
    expect(launch.args).toContain('--max-old-space-size=128');
    expect(valuesOf(launch.args, '--import')).toEqual(['file:///berth/host/dist/sandbox/child/guard.js', 'file:///berth/host/dist/sandbox/child/network-guard.js']);
    expect(launch.args.at(-1)).toBe(code.childEntry);
    expect(launch.env).toEqual({});
  });

  it("V8's start-up tiering is tuned for Berth's child entry only: an mcp plugin's server keeps the default until it has answered", () => {
    const budget = (args: readonly string[]): string[] => args.filter((a) => a.startsWith('--interrupt-budget'));
    expect(budget(buildLaunch(request()).args)).toEqual([IDLE_SIZE_FLAG]);
    const server = buildLaunch(request({ code: { ...code, childEntry: '/plugins/p/node_modules/server/dist/index.js' }, foreignEntry: true }));
    expect(budget(server.args)).toEqual([]);
    expect(server.args.at(-1)).toBe('/plugins/p/node_modules/server/dist/index.js');
    // Its tier-up comes once it has answered, from the serving-tier preload, after the guards.
    expect(valuesOf(server.args, '--import')).toEqual([
      'file:///berth/host/dist/sandbox/child/guard.js',
      'file:///berth/host/dist/sandbox/child/network-guard.js',
      'file:///berth/host/dist/sandbox/child/serving-tier.js',
    ]);
  });

  it('grants become flags: spawn, workers, addons; network drops the network guard; scoped paths expanded', () => {
    const launch = buildLaunch(
      request({
        grants: [
          { permission: 'process.spawn' },
          { permission: 'worker.threads' },
          { permission: 'native.addons' },
          { permission: 'network' },
          { permission: 'filesystem.read', scope: ['${home}/projects/**'] },
          { permission: 'filesystem.write', scope: ['${tmp}'] },
        ],
      }),
    );
    for (const flag of ['--allow-child-process', '--allow-worker', '--allow-addons']) expect(launch.args).toContain(flag);
    expect(valuesOf(launch.args, '--import')).toHaveLength(1);
    expect(valuesOf(launch.args, '--allow-fs-read')).toContain(path.join(os.homedir(), 'projects'));
    expect(valuesOf(launch.args, '--allow-fs-write')).toEqual(['/data/p', os.tmpdir()]);
  });

  it('bubblewrap: all namespaces unshared (network unless granted), no capabilities, granted env only and never on the command line', () => {
    const launch = buildLaunch(request({ mode: 'bwrap', grants: [{ permission: 'env', scope: ['GITHUB_TOKEN'] }] }));
    const a = launch.args;
    const bwrap = a.indexOf('/usr/bin/bwrap');
    expect(bwrap).toBe(2);
    for (const flag of ['--unshare-all', '--die-with-parent', '--new-session']) expect(a).toContain(flag);
    expect(a).not.toContain('--share-net');
    expect(a.slice(a.indexOf('--cap-drop'), a.indexOf('--cap-drop') + 2)).toEqual(['--cap-drop', 'ALL']);
    expect(launch.env).toEqual({ GITHUB_TOKEN: 'g' });
    expect(a).not.toContain('g');
    expect(a).not.toContain('/root');
    const binds = a.flatMap((x, i) => (x === '--ro-bind-try' || x === '--bind-try' ? [`${x} ${a[i + 1]}`] : []));
    expect(binds).toContain('--ro-bind-try /plugins/p');
    expect(binds).toContain('--bind-try /data/p');
    expect(a.join(' ')).toContain('--symlink /berth/sdk /berth/node_modules/@berth/sdk');
    expect(a.join(' ')).not.toMatch(/--ro-bind \/ \//);
    expect(buildLaunch(request({ mode: 'bwrap', grants: [{ permission: 'network' }] })).args).toContain('--share-net');
  });

  it('the environment holds only granted variables, never Berth or Node control variables', () => {
    const env = request().hostEnv;
    expect(pluginEnv([], env)).toEqual({});
    expect(pluginEnv([{ permission: 'env', scope: ['GITHUB_*'] }], env)).toEqual({ GITHUB_TOKEN: 'g' });
    expect(pluginEnv([{ permission: 'env' }], env)).toEqual({ HOME: '/root', AWS_SECRET_ACCESS_KEY: 'x', GITHUB_TOKEN: 'g' });
  });
});

describe('symlinks that point outside a folder to grant', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('finds links escaping the folder (also dangling and nested), not links staying inside or into allowed roots', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-links-')));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, 'a/b'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a/file'), 'x');
    fs.symlinkSync('/etc/passwd', path.join(dir, 'a/b/passwd'));
    fs.symlinkSync('../file', path.join(dir, 'a/b/inside'));
    fs.symlinkSync('/nonexistent/secret', path.join(dir, 'dangling'));
    fs.symlinkSync('/usr/lib', path.join(dir, 'lib'));
    expect(findEscapingSymlinks(dir, { allowed: ['/usr'] }).sort((x, y) => x.link.localeCompare(y.link))).toEqual([
      { link: path.join(dir, 'a/b/passwd'), target: '/etc/passwd' },
      { link: path.join(dir, 'dangling'), target: '/nonexistent/secret' },
    ]);
  });
});

describe('a scoped network grant under bubblewrap (the egress proxy)', () => {
  const egress = { hostSocket: '/tmp/berth-egress-x/egress.sock', relayEntry: '/berth/host/dist/network/relay/main.js', relay: { socket: '/run/berth/egress.sock', proxyPort: 3128, forwards: [{ host: '127.0.0.1', port: 5432 }] } };
  const network = { permission: 'network', scope: ['127.0.0.1:5432'] };

  it('an empty network namespace, the proxy socket bound in, no relay for a plugin that cannot spawn', () => {
    const launch = buildLaunch(request({ mode: 'bwrap', grants: [network], egress }));
    expect(launch.args).not.toContain('--share-net');
    expect(launch.args.join(' ')).toContain('--bind /tmp/berth-egress-x/egress.sock /run/berth/egress.sock');
    expect(launch.args).not.toContain(egress.relayEntry);
    expect(launch.env).toMatchObject({ BERTH_EGRESS_SOCKET: '/run/berth/egress.sock', BERTH_ALLOWED_HOSTS: '["127.0.0.1:5432"]' });
    expect(launch.env['HTTP_PROXY']).toBeUndefined();
  });

  it('with process.spawn: the relay runs first, and the proxy variables point at it', () => {
    const launch = buildLaunch(request({ mode: 'bwrap', grants: [network, { permission: 'process.spawn' }], egress }));
    const at = launch.args.indexOf(egress.relayEntry);
    expect(at).toBeGreaterThan(launch.args.indexOf('--'));
    expect(JSON.parse(launch.args[at + 1] as string)).toEqual(egress.relay);
    expect(launch.args[at + 2]).toBe(process.execPath);
    expect(launch.env).toMatchObject({ HTTP_PROXY: 'http://127.0.0.1:3128', HTTPS_PROXY: 'http://127.0.0.1:3128', ALL_PROXY: 'socks5h://127.0.0.1:3128' });
  });

  it('unscoped network shares the host network; no proxy', () => {
    const launch = buildLaunch(request({ mode: 'bwrap', grants: [{ permission: 'network' }], egress }));
    expect(launch.args).toContain('--share-net');
    expect(launch.args.join(' ')).not.toContain('egress.sock');
  });
});

describe("Berth's own folders in a plugin's command line", () => {
  const home = { grants: [{ permission: 'filesystem.write', scope: ['/home/u'] }], vars: scopeVarsFor('/home/u/.local/share/berth/plugins/p', '/home/u/.local/share/berth/plugin-data/p') };
  const folders = ['/home/u/.config/berth', '/home/u/.local/share/berth'];

  it('bubblewrap: an empty read-only tmpfs over each covered folder, the own data folder and tree bound again above it', () => {
    const args = buildLaunch(request({ mode: 'bwrap', pluginDir: home.vars.pluginDir, ...home, berthFolders: folders })).args.join(' ');
    const at = (needle: string): number => args.indexOf(needle);
    expect(at('--bind-try /home/u /home/u')).toBeGreaterThan(-1);
    expect(at('--tmpfs /home/u/.local/share/berth')).toBeGreaterThan(at('--bind-try /home/u /home/u'));
    expect(at('--bind-try /home/u/.local/share/berth/plugin-data/p')).toBeGreaterThan(at('--tmpfs /home/u/.local/share/berth'));
    expect(at('--ro-bind-try /home/u/.local/share/berth/plugins/p')).toBeGreaterThan(at('--tmpfs /home/u/.local/share/berth'));
    expect(at('--remount-ro /home/u/.config/berth')).toBeGreaterThan(at('--bind-try /home/u/.local/share/berth/plugin-data/p'));
    expect(args).toContain('--tmpfs /home/u/.config/berth');
  });

  it('bubblewrap: a grant inside a Berth folder that is not its own is not bound at all', () => {
    const other = { ...home, grants: [{ permission: 'filesystem.read', scope: ['/home/u/.local/share/berth/plugin-data/other', '/home/u'] }] };
    const args = buildLaunch(request({ mode: 'bwrap', pluginDir: home.vars.pluginDir, ...other, berthFolders: folders })).args;
    expect(args).not.toContain('/home/u/.local/share/berth/plugin-data/other');
  });

  it('without bubblewrap: refuses a grant covering one, naming the plugin, the grant and the fix; its own data folder is fine', () => {
    expect(() => buildLaunch(request({ ...home, berthFolders: folders }))).toThrow(expect.objectContaining({ code: 'BERTH_GRANT_COVERS_BERTH', message: expect.stringContaining("plugin 'p'") }));
    expect(() => buildLaunch(request({ ...home, berthFolders: folders }))).toThrow(/filesystem\.write grant of \/home\/u covers Berth's own folder .*berth permissions revoke p filesystem\.write/);
    const own = { grants: [{ permission: 'filesystem.write', scope: ['${pluginData}'] }], vars: home.vars };
    expect(() => buildLaunch(request({ ...own, berthFolders: folders }))).not.toThrow();
  });

  it('passes no read flag lying inside another (Node 20 then refuses the outer folder itself)', () => {
    const args = buildLaunch(request({ ...home, berthFolders: [] })).args;
    expect(valuesOf(args, '--allow-fs-read')).toContain('/home/u');
    expect(valuesOf(args, '--allow-fs-read')).not.toContain('/home/u/.local/share/berth/plugin-data/p');
  });
});
