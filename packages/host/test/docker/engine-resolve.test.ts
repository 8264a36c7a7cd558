import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine, parseEngineHost, resolveEngineAddress, type EngineAddress } from '@berth/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRunGone } from '../../src/docker/host-run.js';

/** Which engine a plugin's settings and the host's environment choose, the way the Docker CLI would. */
describe('resolveEngineAddress', () => {
  let dir: string;
  let certs: string;
  let caOnly: string;
  let config: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-engine-resolve-'));
    certs = join(dir, 'certs');
    caOnly = join(dir, 'ca-only');
    config = join(dir, 'docker-config');
    for (const folder of [certs, caOnly, config]) await mkdir(folder);
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) await writeFile(join(certs, file), 'pem');
    await writeFile(join(caOnly, 'ca.pem'), 'pem');
    const id = createHash('sha256').update('farm').digest('hex');
    await mkdir(join(config, 'contexts', 'meta', id), { recursive: true });
    await writeFile(join(config, 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: 'farm', Endpoints: { docker: { Host: 'tcp://farm.example:2376', SkipTLSVerify: false } } }));
    await mkdir(join(config, 'contexts', 'tls', id, 'docker'), { recursive: true });
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) await writeFile(join(config, 'contexts', 'tls', id, 'docker', file), 'pem');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}): Record<string, string> => ({ DOCKER_CONFIG: join(dir, 'no-config'), ...extra });

  it("defaults to the local socket, and reads the host's DOCKER_HOST with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH", () => {
    expect(resolveEngineAddress({}, env())).toEqual({ host: 'unix:///var/run/docker.sock', source: 'the default' });
    expect(resolveEngineAddress({}, env({ DOCKER_HOST: 'unix:///run/other.sock' }))).toEqual({ host: 'unix:///run/other.sock', source: 'DOCKER_HOST' });
    expect(resolveEngineAddress({}, env({ DOCKER_HOST: 'tcp://build:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }))).toEqual({
      host: 'tcp://build:2376',
      source: 'DOCKER_HOST',
      tls: { ca: join(certs, 'ca.pem'), cert: join(certs, 'cert.pem'), key: join(certs, 'key.pem'), folder: certs },
    });
    // DOCKER_CERT_PATH alone does not turn TLS on (as in the Docker CLI).
    expect(resolveEngineAddress({}, env({ DOCKER_HOST: 'tcp://build:2375', DOCKER_CERT_PATH: certs })).tls).toBeUndefined();
  });

  it("prefers the plugin's settings; docker_cert_path turns TLS on; a folder with only ca.pem presents no client certificate", () => {
    const host = env({ DOCKER_HOST: 'tcp://elsewhere:2375' });
    expect(resolveEngineAddress({ docker_host: 'tcp://10.0.0.5:2376', docker_cert_path: certs }, host)).toMatchObject({ host: 'tcp://10.0.0.5:2376', source: 'setting docker_host', tls: { folder: certs, cert: join(certs, 'cert.pem') } });
    expect(resolveEngineAddress({ docker_host: 'tcp://10.0.0.5:2376', docker_cert_path: caOnly }, host).tls).toEqual({ ca: join(caOnly, 'ca.pem'), folder: caOnly });
    expect(resolveEngineAddress({ docker_host: 'tcp://10.0.0.5:2375', docker_tls_verify: false }, env({ DOCKER_TLS_VERIFY: '1' })).tls).toBeUndefined();
    expect(() => resolveEngineAddress({ docker_host: 'tcp://10.0.0.5:2376', docker_cert_path: join(dir, 'nothing') }, host)).toThrow(`TLS is on but there is no CA certificate at ${join(dir, 'nothing', 'ca.pem')}`);
  });

  it('reads Docker contexts: the setting, DOCKER_CONTEXT, and the CLI’s currentContext', async () => {
    const tls = join(config, 'contexts', 'tls', createHash('sha256').update('farm').digest('hex'), 'docker');
    const expected = { host: 'tcp://farm.example:2376', tls: { ca: join(tls, 'ca.pem'), cert: join(tls, 'cert.pem'), key: join(tls, 'key.pem'), folder: tls } };
    expect(resolveEngineAddress({ docker_context: 'farm', docker_host: 'tcp://ignored:1' }, { DOCKER_CONFIG: config })).toEqual({ ...expected, source: "setting docker_context (Docker context 'farm')" });
    expect(resolveEngineAddress({}, { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'farm' })).toMatchObject({ ...expected, source: "the Docker CLI (Docker context 'farm')" });
    await writeFile(join(config, 'config.json'), JSON.stringify({ currentContext: 'farm' }));
    expect(resolveEngineAddress({}, { DOCKER_CONFIG: config })).toMatchObject(expected);
    expect(resolveEngineAddress({}, { DOCKER_CONFIG: config, DOCKER_HOST: 'unix:///x.sock' }).host).toBe('unix:///x.sock');
    await rm(join(config, 'config.json'));
    expect(() => resolveEngineAddress({ docker_context: 'nope' }, { DOCKER_CONFIG: config })).toThrow(/there is no Docker context 'nope' .*list them with 'docker context ls'/);
  });

  it('never falls back to clear TCP for a context that holds a client certificate but no ca.pem', async () => {
    // The Docker CLI verifies such an engine against the system's CAs; dropping TLS instead would send every
    // request (a container's env included) in the clear to whoever answers at that address.
    const id = createHash('sha256').update('public-ca').digest('hex');
    await mkdir(join(config, 'contexts', 'meta', id), { recursive: true });
    await writeFile(join(config, 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: 'public-ca', Endpoints: { docker: { Host: 'tcp://farm.example:2376' } } }));
    await mkdir(join(config, 'contexts', 'tls', id, 'docker'), { recursive: true });
    for (const file of ['cert.pem', 'key.pem']) await writeFile(join(config, 'contexts', 'tls', id, 'docker', file), 'pem');
    expect(() => resolveEngineAddress({ docker_context: 'public-ca' }, { DOCKER_CONFIG: config })).toThrow(/public-ca.*no ca\.pem/);
  });

  it('checks docker_path_map and addresses, saying what is accepted', () => {
    expect(resolveEngineAddress({ docker_host: 'ssh://ci@farm', docker_path_map: { '/home/me/src': '/mnt/src' } }, env()).pathMap).toEqual({ '/home/me/src': '/mnt/src' });
    expect(() => resolveEngineAddress({ docker_path_map: { 'relative': '/mnt' } }, env())).toThrow("docker_path_map entry 'relative' must map an absolute host folder");
    expect(() => parseEngineHost('ftp://farm')).toThrow("uses the scheme 'ftp:'; use unix://, tcp:// or ssh://");
    expect(() => parseEngineHost('unix://relative.sock')).toThrow('does not name an absolute socket path');
    expect(parseEngineHost('tcp://[::1]', true)).toEqual({ transport: 'tcp', hostname: '::1', port: 2376 });
    expect(parseEngineHost('ssh://ci@farm:2222')).toEqual({ transport: 'ssh', hostname: 'farm', port: 2222, user: 'ci' });
  });
});

describe('isRunGone on a shared remote engine', () => {
  it("never judges a run of another machine gone, even of another boot", () => {
    const current = { id: 'now', pid: 1, startTime: '1', bootId: 'b1', pidNamespace: 'pid:[1]', machine: 'm1' };
    const labels = { 'berth.host.run': 'old', 'berth.host.pid': '999999', 'berth.host.start': '5', 'berth.host.boot': 'b0', 'berth.host.pidns': 'pid:[1]' };
    expect(isRunGone({ ...labels, 'berth.host.machine': 'm2' }, current)).toBe(false);
    expect(isRunGone({ ...labels, 'berth.host.machine': 'm1' }, current)).toBe(true);
  });
});

describe('openEngine on plain TCP', () => {
  const warningOf = (host: string, tls?: EngineAddress['tls']): string | undefined => {
    const engine = openEngine({ host, source: 'setting docker_host', ...(tls !== undefined ? { tls } : {}) });
    engine.close();
    return engine.warning;
  };

  it('warns, with the fix, when the engine is off this machine', () => {
    expect(warningOf('tcp://10.0.0.5:2375')).toMatch(/^tcp:\/\/10\.0\.0\.5:2375 is plain TCP without TLS: anyone who can reach that port controls the engine .*Fix: turn TLS on .*ssh:\/\//);
    expect(warningOf('tcp://build.example:2375')).toContain('plain TCP without TLS');
    expect(warningOf('tcp://[2001:db8::1]:2375')).toContain('tcp://[2001:db8::1]:2375 is plain TCP');
  });

  it("is quiet for this machine's loopback and for TLS", () => {
    for (const host of ['tcp://127.0.0.1:2375', 'tcp://127.1.2.3:2375', 'tcp://localhost:2375', 'tcp://[::1]:2375']) expect(warningOf(host), host).toBeUndefined();
    expect(warningOf('unix:///var/run/docker.sock')).toBeUndefined();
  });

  it('is quiet for TLS to another machine', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-tls-files-'));
    try {
      for (const f of ['ca.pem', 'cert.pem', 'key.pem']) await writeFile(join(dir, f), 'not read until a connection is made\n');
      expect(warningOf('tcp://10.0.0.5:2376', { ca: join(dir, 'ca.pem'), cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') })).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
