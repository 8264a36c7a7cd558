import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerBackend } from '../src/backends/docker/docker-backend.js';
import { packEntries, readEntries } from '../src/tar.js';
import { bwrapCase, dockerCase } from './support/backends.js';
import type { BackendCase } from './support/backends.js';
import { startPlugin } from './support/harness.js';
import type { StartedPlugin } from './support/harness.js';

/** Hardened by default, and the file tools, on each backend. */
for (const load of [dockerCase, bwrapCase]) {
  describe(`hardening and files (${load.name.replace('Case', '')})`, () => {
    let backend: BackendCase;
    let plugin: StartedPlugin;
    let id: string;
    beforeAll(async () => {
      backend = await load();
      if (backend.skip !== undefined) return;
      process.env['BERTH_SBM_HOST_SECRET'] = 'must-not-leak';
      plugin = await startPlugin(backend.settings);
      id = String((await plugin.call('create', { env: { GREETING: 'hi' } }))['id']);
    }, 120_000);
    afterAll(async () => {
      await plugin?.stop();
    });

    it('runs commands unprivileged: no capabilities, no new privileges, uid 65534, no host secrets or Docker socket, a clean environment', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const status = String((await plugin.call('exec', { sandbox: id, command: 'grep -E "^(Uid|Gid|CapEff|CapPrm|CapBnd|NoNewPrivs)" /proc/self/status' }))['stdout']);
      expect(status).toMatch(/^Uid:\s+65534\s+65534/m);
      expect(status).toMatch(/^CapEff:\s+0{16}$/m);
      expect(status).toMatch(/^CapPrm:\s+0{16}$/m);
      expect(status).toMatch(/^CapBnd:\s+0{16}$/m);
      expect(status).toMatch(/^NoNewPrivs:\s+1$/m);
      const probe = await plugin.call('exec', { sandbox: id, command: 'ls /etc/shadow /var/run/docker.sock /run/docker.sock 2>&1; env' });
      expect(String(probe['stdout'])).not.toMatch(/^\/etc\/shadow$|docker\.sock$/m);
      expect(String(probe['stdout'])).toContain('GREETING=hi');
      expect(String(probe['stdout'])).not.toContain('must-not-leak');
    });

    it('cannot signal or see host processes', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const ran = await plugin.call('exec', { sandbox: id, command: `kill -0 ${process.pid} && echo SIGNALLED; ls /proc | grep -c '^[0-9]'` });
      expect(String(ran['stdout'])).not.toContain('SIGNALLED');
      expect(Number(String(ran['stdout']).trim())).toBeLessThan(10);
    });

    it('asks the engine for a hardened container (Docker)', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      if (backend.name !== 'docker') return ctx.skip('Docker only');
      const docker = ((await plugin.runtime.manager()).backend as DockerBackend).docker;
      const info = await docker.getContainer(`berth-sandbox-${id}`).inspect();
      expect(info.HostConfig).toMatchObject({ ReadonlyRootfs: true, CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'], Init: true, NetworkMode: 'none', PidsLimit: 128, Memory: 1024 * 1024 * 1024, NanoCpus: 1e9 });
      expect(info.Config.User).toBe('65534:65534');
      expect(info.Config.Labels).toMatchObject({ 'berth.managed': 'true', 'berth.plugin': 'sandbox-manager', 'berth.sandbox': id, 'berth.expires': expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    });

    it('writes, reads (text and base64), stats, lists, makes folders and removes', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      await plugin.call('write_file', { sandbox: id, path: 'a/b/bin.dat', content: Buffer.from([0, 1, 2, 255]).toString('base64'), encoding: 'base64' });
      expect(await plugin.call('read_file', { sandbox: id, path: 'a/b/bin.dat', encoding: 'base64' })).toMatchObject({ content: 'AAEC/w==', size: 4, truncated: false });
      await plugin.call('write_file', { sandbox: id, path: 'run.sh', content: '#!/bin/sh\necho ran\n', mode: '755' });
      expect(await plugin.call('stat', { sandbox: id, path: 'run.sh' })).toMatchObject({ type: 'file', size: 19, mode: '755' });
      expect(await plugin.call('exec', { sandbox: id, command: ['./run.sh'] })).toMatchObject({ exit_code: 0, stdout: 'ran\n' });
      expect(await plugin.call('read_file', { sandbox: id, path: 'run.sh', max_bytes: 5 })).toMatchObject({ content: '#!/bi', truncated: true, size: 19 });
      await plugin.call('mkdir', { sandbox: id, path: 'empty/deep' });
      expect(await plugin.call('stat', { sandbox: id, path: 'empty/deep' })).toMatchObject({ type: 'directory' });
      const listed = (await plugin.call('list_files', { sandbox: id, path: '.' }))['entries'] as { name: string; type: string }[];
      expect(listed.map((e) => [e.name, e.type]).sort()).toEqual([['a', 'directory'], ['empty', 'directory'], ['run.sh', 'file']]);
      await plugin.call('remove', { sandbox: id, path: 'empty' });
      await expect(plugin.call('stat', { sandbox: id, path: 'empty' })).rejects.toMatchObject({ code: 'BERTH_SANDBOX_FILE_FAILED', message: expect.stringContaining("stat '/workspace/empty' in sandbox") });
    });

    it('runs commands with stdin, cwd, env, another user, and caps their output', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      expect(await plugin.call('exec', { sandbox: id, command: ['cat'], stdin: 'from stdin' })).toMatchObject({ exit_code: 0, stdout: 'from stdin' });
      expect(await plugin.call('exec', { sandbox: id, command: ['cat'], stdin_base64: Buffer.from('bytes').toString('base64') })).toMatchObject({ stdout: 'bytes' });
      await plugin.call('mkdir', { sandbox: id, path: 'sub' });
      expect(await plugin.call('exec', { sandbox: id, command: 'pwd; echo $FOO $GREETING; id -u', cwd: 'sub', env: { FOO: 'bar' }, user: '1000:1000' })).toMatchObject({ stdout: '/workspace/sub\nbar hi\n1000\n' });
      const big = await plugin.call('exec', { sandbox: id, command: 'yes | head -c 100000; yes e | head -c 5000 >&2; exit 3', max_output_bytes: 1000 });
      expect(big).toMatchObject({ exit_code: 3, truncated: true });
      expect(String(big['stdout'])).toHaveLength(1000);
      expect(String(big['stderr'])).toHaveLength(1000);
    });

    it('moves a folder in and out as a tar archive', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const tar = await packEntries([{ name: 'src/', type: 'directory' }, { name: 'src/main.js', type: 'file', data: Buffer.from("console.log('up')") }], { uid: 0, gid: 0 });
      await plugin.call('upload_folder', { sandbox: id, path: 'project', archive_base64: tar.toString('base64') });
      expect(await plugin.call('exec', { sandbox: id, command: ['node', 'project/src/main.js'] })).toMatchObject({ exit_code: 0, stdout: 'up\n' });
      expect(await plugin.call('exec', { sandbox: id, command: 'echo made > project/src/out.txt' })).toMatchObject({ exit_code: 0 });
      const down = await plugin.call('download_folder', { sandbox: id, path: 'project' });
      const entries = await readEntries(Buffer.from(String(down['archive_base64']), 'base64'), 1024);
      const files = Object.fromEntries(entries.filter((e) => e.header.type === 'file').map((e) => [e.header.name.replace(/^\.\//, ''), e.data.toString('utf8')]));
      expect(files).toEqual({ 'src/main.js': "console.log('up')", 'src/out.txt': 'made\n' });
    });

    it('resolves symlinks inside the sandbox, never on the host', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      await plugin.call('exec', { sandbox: id, command: 'ln -s /etc/shadow shadow && ln -s / root' });
      await expect(plugin.call('read_file', { sandbox: id, path: 'shadow' })).rejects.toMatchObject({ code: 'BERTH_SANDBOX_FILE_FAILED' });
      await expect(plugin.call('read_file', { sandbox: id, path: 'root/etc/shadow' })).rejects.toMatchObject({ code: 'BERTH_SANDBOX_FILE_FAILED' });
    });
  });
}
