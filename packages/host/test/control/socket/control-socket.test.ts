import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import rpc from 'vscode-jsonrpc/node';
import { afterEach, describe, expect, it } from 'vitest';
import { BerthError } from '@berth/sdk';
import { ControlClient, ControlServer, controlSocketPath, HostOperations, type ControlEvent } from '@berth/host';
import { lifecycleFixtures, tempHost } from '../../support/temp-host.js';

const logger = pino({ level: 'silent' });

describe('the control socket', { timeout: 60_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  async function runtimeDir(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-run-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  it('is one per data folder, 0600 in a 0700 folder; a second server is refused with the first one\'s pid', async () => {
    const env = { XDG_RUNTIME_DIR: await runtimeDir() };
    const socket = controlSocketPath('/data/a', env);
    expect(controlSocketPath('/data/a', env)).toBe(socket);
    expect(controlSocketPath('/data/b', env)).not.toBe(socket);
    expect(path.dirname(socket)).toBe(path.join(env.XDG_RUNTIME_DIR, 'berth'));
    const server = await ControlServer.listen({ socket, dataDir: '/data/a', version: '0.0.0', logger });
    cleanups.push(() => server.close());
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);
    const second = await ControlServer.listen({ socket, dataDir: '/data/a', version: '0.0.0', logger }).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(BerthError);
    expect((second as BerthError).code).toBe('BERTH_SERVER_RUNNING');
    expect((second as BerthError).message).toContain(`(pid ${process.pid})`);
    expect((second as BerthError).message).toContain(socket);
    await server.close();
    expect(existsSync(socket)).toBe(false);
  });

  it('takes over a socket left by a server that died', async () => {
    const socket = controlSocketPath('/data/dead', { XDG_RUNTIME_DIR: await runtimeDir() });
    const { ensurePrivateDir } = await import('@berth/host');
    ensurePrivateDir(path.dirname(socket));
    const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(socket)}, () => process.kill(process.pid, 'SIGKILL'))`]);
    await new Promise((resolve) => child.once('exit', resolve));
    expect(existsSync(socket)).toBe(true);
    const server = await ControlServer.listen({ socket, dataDir: '/data/dead', version: '0.0.0', logger });
    cleanups.push(() => server.close());
    expect(await ControlClient.connect(`${socket}.none`)).toBeUndefined();
  });

  it('two servers taking over the same dead socket at once: exactly one wins, the other is refused', async () => {
    const { ensurePrivateDir } = await import('@berth/host');
    for (let round = 0; round < 5; round++) {
      const socket = controlSocketPath(`/data/race-${round}`, { XDG_RUNTIME_DIR: await runtimeDir() });
      ensurePrivateDir(path.dirname(socket));
      const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(socket)}, () => process.kill(process.pid, 'SIGKILL'))`]);
      await new Promise((resolve) => child.once('exit', resolve));
      const outcomes = await Promise.allSettled(
        [1, 2, 3].map(() => ControlServer.listen({ socket, dataDir: `/data/race-${round}`, version: '0.0.0', logger })),
      );
      for (const o of outcomes) if (o.status === 'fulfilled') cleanups.push(() => o.value.close());
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as BerthError).code).toBe('BERTH_SERVER_RUNNING');
    }
  });

  it("refuses a socket folder inside a folder another user controls (they could swap it for their own)", async () => {
    // env-paths' fallback is <tmp>/<user>/berth: another user who made <tmp>/<user> first can rename our 0700
    // `berth` away and put their own folder and socket in its place; every CLI command would then talk to them.
    const { ensurePrivateDir } = await import('@berth/host');
    const root = await runtimeDir();
    const other = process.getuid?.() === 0 ? 65534 : undefined;
    const theirs = path.join(root, 'theirs');
    await mkdir(theirs, { mode: 0o777 });
    await chmod(theirs, 0o777); // writable by everyone, no sticky bit
    expect(() => ensurePrivateDir(path.join(theirs, 'berth'))).toThrow(/not a private folder|writable by other users|owned by/);
    if (other !== undefined) {
      const owned = path.join(root, 'owned');
      await mkdir(owned, { mode: 0o755 });
      await chown(owned, other, other); // theirs, even if not writable by us: its owner can rename our folder
      expect(() => ensurePrivateDir(path.join(owned, 'berth'))).toThrow(/owned by/);
    }
    // A client never talks to a socket in such a folder, nor to a socket another user owns.
    const socket = path.join(theirs, 'berth', 'control-x.sock');
    await mkdir(path.dirname(socket), { recursive: true, mode: 0o700 });
    const planted = net.createServer().listen(socket);
    await new Promise((resolve) => planted.once('listening', resolve));
    cleanups.push(() => new Promise((resolve) => planted.close(() => resolve())));
    await expect(ControlClient.connect(socket)).rejects.toThrow(/not a private folder|writable by other users|owned by/);
  });

  it("serves operations only to a client that proves it can read the server's token file, not to anyone who can connect", async () => {
    // A sandboxed plugin with an unscoped network grant can connect() to any UNIX socket path it knows (Node's
    // permission model does not cover sockets; the network guard is off): without a token it could call
    // control/grantPermission on itself. Reading the 0600 token file next to the socket needs filesystem access.
    const env = { XDG_RUNTIME_DIR: await runtimeDir() };
    const socket = controlSocketPath('/data/token', env);
    const server = await ControlServer.listen({ socket, dataDir: '/data/token', version: '0.0.0', logger });
    cleanups.push(() => server.close());
    const raw = net.connect(socket);
    await new Promise((resolve) => raw.once('connect', resolve));
    const connection = rpc.createMessageConnection(new rpc.SocketMessageReader(raw), new rpc.SocketMessageWriter(raw));
    connection.listen();
    cleanups.push(async () => (connection.dispose(), raw.destroy()));
    expect(await connection.sendRequest('control/status')).toMatchObject({ pid: process.pid });
    const refused = await connection.sendRequest('control/listPlugins', []).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(rpc.ResponseError);
    expect((refused as Error).message).toMatch(/token/);
    const forged = await connection.sendRequest('control/authenticate', 'not-the-token').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(forged).toBeInstanceOf(rpc.ResponseError);
    expect(statSync(`${socket}.token`).mode & 0o777).toBe(0o600);
  });

  it('carries operations, errors as BerthErrors, and streams events until unsubscribed', async () => {
    const made = await tempHost([{ kind: 'extra', dir: path.join(lifecycleFixtures, 'config-change') }]);
    cleanups.push(made.cleanup);
    await made.host.start();
    const socket = controlSocketPath(made.home, { XDG_RUNTIME_DIR: await runtimeDir() });
    const server = await ControlServer.listen({ socket, dataDir: made.home, version: '0.0.0', logger });
    cleanups.push(() => server.close());
    // Operations asked before the host is attached wait for it.
    const client = await ControlClient.connect(socket);
    if (client === undefined) throw new Error('no client');
    cleanups.push(async () => client.close());
    const early = client.listPlugins();
    expect((await client.status()).ready).toBe(false);
    server.attach(new HostOperations(made.host, { socket }));
    expect((await early).map((p) => p.name)).toEqual(['on-event', 'on-restart']);
    expect((await client.status()).pid).toBe(process.pid);

    const missing = await client.inspectPlugin('nope').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(BerthError);
    expect(missing).toMatchObject({ code: 'BERTH_PLUGIN_NOT_FOUND', details: { plugin: 'nope' } });
    expect((await client.listPermissions()).map((p) => p.plugin)).toEqual(['on-event', 'on-restart']);

    const events: ControlEvent[] = [];
    const stop = await client.subscribe((event) => events.push(event));
    await client.disablePlugin('on-event');
    const end = Date.now() + 10_000;
    while (!events.some((e) => e.type === 'plugin:state' && e.to === 'disabled') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(events.filter((e) => e.type === 'plugin:state').map((e) => (e.type === 'plugin:state' ? e.to : ''))).toEqual(['disposing', 'disabled']);
    stop();
    await client.status(); // the unsubscribe has reached the server
    const before = events.length;
    await client.enablePlugin('on-event');
    await client.status();
    expect(events.length).toBe(before);
  });
});
