import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freeLoopbackPort } from './free-port.js';

const run = promisify(execFile);

/** Debian's sshd (package openssh-server). */
export const SSHD = '/usr/sbin/sshd';

/** An sshd on loopback that lets this user in with a key made for the run. */
export interface LoopbackSshd {
  /** Its port on 127.0.0.1. */
  readonly port: number;
  /** The user it lets in (the one running the tests). */
  readonly user: string;
  /**
   * An `ssh` to use instead of the system's plain one: the system ssh with this run's key and known-hosts file and
   * no user configuration (`ssh -F /dev/null -i <key> -o UserKnownHostsFile=<file> -o StrictHostKeyChecking=accept-new "$@"`).
   */
  readonly sshCommand: string;
  /** Stops sshd and removes its folder. */
  stop(): Promise<void>;
}

/** True once something accepts connections on 127.0.0.1:`port`. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * Starts Debian's sshd on a free loopback port, in the foreground, with a host key and an authorized client key
 * made now, no password logins, and this run's files only (`-f` a config of its own). Undefined when sshd is not
 * installed.
 */
export async function startLoopbackSshd(): Promise<LoopbackSshd | undefined> {
  if (!existsSync(SSHD)) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'berth-sshd-'));
  await chmod(dir, 0o700);
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 }).catch(() => undefined);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client_key')]);
  await writeFile(join(dir, 'authorized_keys'), await readFile(join(dir, 'client_key.pub')), { mode: 0o600 });
  const port = await freeLoopbackPort();
  const user = userInfo().username;
  await writeFile(join(dir, 'sshd_config'), [
    `ListenAddress 127.0.0.1`,
    `Port ${port}`,
    `HostKey ${join(dir, 'host_key')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    `AllowUsers ${user}`,
    `SetEnv PATH=${process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin'}`,
    '',
  ].join('\n'));
  const daemon = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  daemon.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const kill = (): void => void daemon.kill('SIGKILL');
  process.once('exit', kill);
  const deadline = Date.now() + 20_000;
  while (!(await listening(port))) {
    if (daemon.exitCode !== null || Date.now() > deadline) {
      process.off('exit', kill);
      daemon.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      throw new Error(`sshd did not start: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const sshCommand = join(dir, 'ssh');
  await writeFile(sshCommand, `#!/bin/sh\nexec ssh -F /dev/null -i ${join(dir, 'client_key')} -o UserKnownHostsFile=${join(dir, 'known_hosts')} -o StrictHostKeyChecking=accept-new "$@"\n`, { mode: 0o755 });
  return {
    port,
    user,
    sshCommand,
    stop: async () => {
      process.off('exit', kill);
      if (daemon.exitCode === null) {
        const exited = new Promise((resolve) => daemon.once('exit', resolve));
        daemon.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
