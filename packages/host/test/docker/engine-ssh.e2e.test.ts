import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { openEngine, probeEngine, startDockerPolicyProxy } from '@berth/host';
import type { DockerEngine } from '@berth/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage, skipUnlessDocker } from '../../../../test/support/docker/index.js';
import { startLoopbackSshd } from '../../../../test/support/sshd.js';
import type { LoopbackSshd } from '../../../../test/support/sshd.js';

const docker = await skipUnlessDocker();

/** Serves a policy socket over `engine`: a privileged container is refused, a plain one runs with the plugin's label. */
async function usePolicySocketOver(engine: DockerEngine, socketPath: string, image: string): Promise<void> {
  const proxy = await startDockerPolicyProxy({ plugin: 'over-ssh', engine, socketPath });
  try {
    const client = new Docker({ socketPath: proxy.socketPath });
    await expect(client.createContainer({ Image: image, HostConfig: { Privileged: true } })).rejects.toMatchObject({ statusCode: 403 });
    const box = await client.createContainer({ Image: image, Cmd: ['echo', 'over ssh'], HostConfig: { NetworkMode: 'none' } });
    await box.start();
    await box.wait();
    expect((await box.logs({ stdout: true })).toString('utf8')).toContain('over ssh');
    expect((await box.inspect()).Config.Labels).toMatchObject({ 'berth.plugin': 'over-ssh' });
    await box.remove();
  } finally {
    await proxy.close();
  }
}

/**
 * `ssh://` engines go through the system ssh, like the Docker CLI: `ssh … <host> docker system dial-stdio`. No
 * sshd runs here, so a stand-in `ssh` records its arguments and runs the far side's command — `docker system
 * dial-stdio` against the local engine — which is what sshd would run. The second block goes through a real sshd
 * on loopback (keys made for the run) when openssh-server is installed.
 */
describe.skipIf(!docker.available)('an ssh:// engine, through the system ssh', () => {
  let dir: string;
  let ssh: string;
  let failing: string;
  let image: string;

  beforeAll(async () => {
    image = await ensureBusyboxImage();
    dir = await mkdtemp(join(tmpdir(), 'berth-ssh-engine-'));
    ssh = join(dir, 'ssh');
    await writeFile(ssh, `#!/bin/sh\necho "$@" >> ${join(dir, 'args')}\nexec docker -H unix:///var/run/docker.sock system dial-stdio\n`);
    failing = join(dir, 'ssh-refused');
    await writeFile(failing, '#!/bin/sh\necho "ci@farm.example: Permission denied (publickey)." >&2\nexit 255\n');
    await chmod(ssh, 0o755);
    await chmod(failing, 0o755);
  });

  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it("runs ssh as the Docker CLI does, and serves the policy socket over it", async () => {
    const engine = openEngine({ host: 'ssh://ci@farm.example:2222', source: 'setting docker_host' }, { sshCommand: ssh });
    expect(engine).toMatchObject({ transport: 'ssh', local: false, name: 'ssh://ci@farm.example:2222' });
    expect(await probeEngine(engine)).toMatchObject({ reachable: true });
    expect((await readFile(join(dir, 'args'), 'utf8')).split('\n')[0]).toBe('-o ConnectTimeout=30 -o BatchMode=yes -T -l ci -p 2222 -- farm.example docker system dial-stdio');
    await usePolicySocketOver(engine, join(dir, 'p.sock'), image);
  });

  it('explains an ssh that fails, with what it printed and the fix', async () => {
    const engine = openEngine({ host: 'ssh://ci@farm.example', source: 'setting docker_host' }, { sshCommand: failing });
    const probe = await probeEngine(engine);
    expect(probe.reachable).toBe(false);
    expect(probe.failure?.reason).toBe('ssh exited 255: ci@farm.example: Permission denied (publickey).');
    expect(probe.failure?.fix).toContain("check that 'ssh ci@farm.example' works without a prompt and that docker is installed there");
  });
});

/** The same through a real sshd on loopback (Debian's openssh-server), when it is installed (CI installs it). */
describe.skipIf(!docker.available)('an ssh:// engine through a real sshd on loopback', () => {
  let sshd: LoopbackSshd | undefined;
  let dir: string;

  beforeAll(async () => {
    sshd = await startLoopbackSshd();
    if (sshd === undefined && process.env['CI'] === 'true') throw new Error('CI=true but /usr/sbin/sshd is not installed (openssh-server)');
    dir = await mkdtemp(join(tmpdir(), 'berth-sshd-engine-'));
  }, 60_000);

  afterAll(async () => {
    await sshd?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('reaches the engine over ssh and enforces the policy there', async (ctx) => {
    if (sshd === undefined) return ctx.skip('openssh-server is not installed');
    const image = await ensureBusyboxImage();
    const engine = openEngine({ host: `ssh://${sshd.user}@127.0.0.1:${sshd.port}`, source: 'setting docker_host' }, { sshCommand: sshd.sshCommand });
    expect(await probeEngine(engine)).toMatchObject({ reachable: true });
    await usePolicySocketOver(engine, join(dir, 'p.sock'), image);
  }, 60_000);
});
