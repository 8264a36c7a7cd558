import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freeLoopbackPort } from '../free-port.js';

const run = promisify(execFile);

/** A second Docker engine on loopback, speaking mutual TLS, with certificates made for the test run. */
export interface TlsEngine {
  /** `tcp://127.0.0.1:<port>`. */
  readonly host: string;
  /** Its TCP port. */
  readonly port: number;
  /** Its local UNIX socket (for the test's own setup and checks, like building images; never given to plugins). */
  readonly socketPath: string;
  /** A folder with `ca.pem`, `cert.pem`, `key.pem`: the right CA and a client certificate it signed. */
  readonly certDir: string;
  /** A folder whose `ca.pem` is another CA (the engine's certificate fails to verify) and a client certificate of it. */
  readonly wrongCaDir: string;
  /** A folder with the right `ca.pem` only: no client certificate is presented. */
  readonly noClientCertDir: string;
  /** Stops the engine (removing whatever it still runs) and deletes its folders. */
  stop(): Promise<void>;
}

/** Runs openssl, quietly. */
async function openssl(args: string[], cwd: string): Promise<void> {
  await run('openssl', args, { cwd });
}

/** A P-256 key and a certificate signed by `ca` (or self-signed when `ca` is absent). */
async function certificate(dir: string, name: string, subject: string, extensions: string, ca?: string): Promise<void> {
  await writeFile(join(dir, `${name}.ext`), extensions);
  if (ca === undefined) {
    await openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}-key.pem`, '-out', `${name}.pem`, '-days', '2', '-subj', subject, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
    return;
  }
  await openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', subject], dir);
  await openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}-key.pem`, '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`], dir);
}

/** Makes the CA, the engine's certificate and the client folders. */
async function makeCertificates(root: string): Promise<{ pki: string; certDir: string; wrongCaDir: string; noClientCertDir: string }> {
  const pki = join(root, 'pki');
  await mkdir(pki);
  await certificate(pki, 'ca', '/CN=berth-test-ca', '');
  await certificate(pki, 'server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n', 'ca');
  await certificate(pki, 'client', '/CN=berth-test-client', 'extendedKeyUsage=clientAuth\n', 'ca');
  await certificate(pki, 'other-ca', '/CN=berth-test-other-ca', '');
  await certificate(pki, 'other-client', '/CN=berth-test-other-client', 'extendedKeyUsage=clientAuth\n', 'other-ca');
  const folder = async (name: string, files: Record<string, string>): Promise<string> => {
    const dir = join(root, name);
    await mkdir(dir);
    for (const [to, from] of Object.entries(files)) await copyFile(join(pki, from), join(dir, to));
    return dir;
  };
  return {
    pki,
    certDir: await folder('client', { 'ca.pem': 'ca.pem', 'cert.pem': 'client.pem', 'key.pem': 'client-key.pem' }),
    wrongCaDir: await folder('wrong-ca', { 'ca.pem': 'other-ca.pem', 'cert.pem': 'other-client.pem', 'key.pem': 'other-client-key.pem' }),
    noClientCertDir: await folder('no-client-cert', { 'ca.pem': 'ca.pem' }),
  };
}

/**
 * Makes a bridge of the second engine's own, on a free private /24: never `--bridge=none`, under which dockerd
 * deletes the host's `docker0` — the shared engine's bridge — at start.
 */
async function makeBridge(tag: string): Promise<string> {
  const name = `brth${tag}`.slice(0, 15);
  const routes = (await run('ip', ['-4', 'route', 'show'])).stdout;
  let subnet = '';
  for (let i = 0; i < 50 && subnet === ''; i += 1) {
    const candidate = `10.231.${1 + Math.floor(Math.random() * 254)}`;
    if (!routes.includes(`${candidate}.`)) subnet = candidate;
  }
  if (subnet === '') throw new Error('no free 10.231.x.0/24 subnet for the second engine\'s bridge');
  await run('ip', ['link', 'add', name, 'type', 'bridge']);
  await run('ip', ['addr', 'add', `${subnet}.1/24`, 'dev', name]);
  await run('ip', ['link', 'set', name, 'up']);
  return name;
}

/** Waits until the engine answers on its UNIX socket, or its process ends. */
async function waitReady(socketPath: string, daemon: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (daemon.exitCode !== null) break;
    const ok = await run('docker', ['-H', `unix://${socketPath}`, 'version', '--format', '{{.Server.Version}}'], { timeout: 10_000 }).then(() => true, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const text = await readFile(log, 'utf8').catch(() => '');
  throw new Error(`the second dockerd did not start (exit ${String(daemon.exitCode)}):\n${text.split('\n').slice(-30).join('\n')}`);
}

/** Stops `daemon` (SIGTERM, then SIGKILL after 20 s). */
async function stopDaemon(daemon: ChildProcess): Promise<void> {
  if (daemon.exitCode !== null || daemon.signalCode !== null) return;
  const exited = new Promise((resolve) => daemon.once('exit', resolve));
  daemon.kill('SIGTERM');
  const timer = setTimeout(() => daemon.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Unmounts whatever the engine left mounted under `root` (deepest first), so its folders can be deleted. */
async function unmountUnder(root: string): Promise<void> {
  const mounts = (await readFile('/proc/mounts', 'utf8')).split('\n').map((l) => l.split(' ')[1] ?? '').filter((m) => m.startsWith(`${root}/`));
  for (const mount of mounts.sort((a, b) => b.length - a.length)) await run('umount', ['-l', mount]).catch(() => undefined);
}

/**
 * Starts a second `dockerd` for a test file: TLS-verified on a free loopback port, with certificates made now
 * (openssl), its own data root, exec root, pid file, UNIX socket and containerd namespace, a bridge of its own
 * (not `--bridge=none`, which deletes the shared engine's `docker0`) and `--iptables=false --ip-masq=false`, so it
 * leaves the shared engine's networking alone. Needs root, dockerd and ip; takes about a second. Start it once per
 * test file.
 */
export async function startTlsEngine(): Promise<TlsEngine> {
  const root = await mkdtemp('/tmp/berth-dkr2-');
  const { certDir, wrongCaDir, noClientCertDir, pki } = await makeCertificates(root);
  const socketPath = join(root, 'docker.sock');
  const config = join(root, 'daemon.json');
  await writeFile(config, '{}\n');
  const log = join(root, 'dockerd.log');
  const tag = root.slice(root.lastIndexOf('-') + 1).toLowerCase().replace(/[^a-z0-9]/g, '0');
  const bridge = await makeBridge(tag);
  const removeBridge = (): Promise<unknown> => run('ip', ['link', 'del', bridge]).catch(() => undefined);
  for (let attempt = 0; ; attempt += 1) {
    const port = await freeLoopbackPort();
    const args = [
      '--data-root', join(root, 'data'),
      '--exec-root', join(root, 'exec'),
      '--pidfile', join(root, 'docker.pid'),
      '--config-file', config,
      '-H', `unix://${socketPath}`,
      '-H', `tcp://127.0.0.1:${port}`,
      '--tlsverify',
      '--tlscacert', join(pki, 'ca.pem'),
      '--tlscert', join(pki, 'server.pem'),
      '--tlskey', join(pki, 'server-key.pem'),
      '--bridge', bridge,
      '--iptables=false',
      '--ip-masq=false',
      '--containerd-namespace', `berth-${tag}`,
      '--containerd-plugins-namespace', `berth-${tag}-plugins`,
    ];
    const out = openSync(log, 'a');
    const daemon = spawn('dockerd', args, { stdio: ['ignore', out, out] });
    closeSync(out);
    const kill = (): void => void daemon.kill('SIGKILL');
    process.once('exit', kill);
    try {
      await waitReady(socketPath, daemon, log);
    } catch (error) {
      process.off('exit', kill);
      await stopDaemon(daemon);
      if (attempt < 2 && /address already in use/.test(await readFile(log, 'utf8').catch(() => ''))) continue;
      await unmountUnder(root);
      await rm(root, { recursive: true, force: true });
      await removeBridge();
      throw error;
    }
    return {
      host: `tcp://127.0.0.1:${port}`,
      port,
      socketPath,
      certDir,
      wrongCaDir,
      noClientCertDir,
      stop: async () => {
        process.off('exit', kill);
        const ids = await run('docker', ['-H', `unix://${socketPath}`, 'ps', '-aq']).then((r) => r.stdout.split('\n').filter((l) => l !== ''), () => []);
        if (ids.length > 0) await run('docker', ['-H', `unix://${socketPath}`, 'rm', '-f', ...ids]).catch(() => undefined);
        await stopDaemon(daemon);
        await unmountUnder(root);
        await rm(root, { recursive: true, force: true });
        await removeBridge();
      },
    };
  }
}
