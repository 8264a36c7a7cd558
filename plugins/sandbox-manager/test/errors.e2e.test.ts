import { mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage } from '../../../test/support/docker/busybox-image.js';
import { bwrapCase, dockerCase } from './support/backends.js';
import type { BackendCase } from './support/backends.js';
import { startPlugin } from './support/harness.js';
import type { StartedPlugin } from './support/harness.js';

/** Errors a user can act on: each with its stable code and a message naming what, why and the fix. */
describe('actionable errors', () => {
  let bwrap: BackendCase;
  let docker: BackendCase;
  let plugin: StartedPlugin;
  let allowed: string;
  beforeAll(async () => {
    [bwrap, docker] = [await bwrapCase(), await dockerCase()];
    allowed = await mkdtemp(join(tmpdir(), 'berth-sbm-roots-'));
    await mkdir(join(allowed, 'project'));
    await symlink('/etc', join(allowed, 'escape'));
    if (bwrap.skip === undefined) {
      plugin = await startPlugin({ ...bwrap.settings, allowed_roots: [allowed], templates: { small: { memory_mb: 1024 } } });
    }
  }, 120_000);
  afterAll(async () => {
    await plugin?.stop();
  });

  it('an unknown sandbox id lists the known ones', async (ctx) => {
    if (bwrap.skip !== undefined) return ctx.skip(bwrap.skip);
    const id = String((await plugin.call('create', {}))['id']);
    await expect(plugin.call('exec', { sandbox: 'sb-nope', command: 'true' })).rejects.toMatchObject({
      code: 'BERTH_SANDBOX_NOT_FOUND',
      message: `plugin 'sandbox-manager': no sandbox 'sb-nope' (known sandboxes: ${id})`,
    });
    await plugin.call('destroy', { sandbox: id });
  });

  it('a limit beyond its cap names the cap and the setting that raises it', async (ctx) => {
    if (bwrap.skip !== undefined) return ctx.skip(bwrap.skip);
    await expect(plugin.call('create', { memory_mb: 999_999 })).rejects.toMatchObject({
      code: 'BERTH_SANDBOX_LIMIT_EXCEEDED',
      message: expect.stringContaining("memory_mb 999999 MiB is beyond the allowed 4096 MiB; ask for less, or raise the setting 'max_memory_mb'"),
    });
    await expect(plugin.call('create', { pids: 5000 })).rejects.toMatchObject({ code: 'BERTH_SANDBOX_LIMIT_EXCEEDED', message: expect.stringContaining("'max_pids'") });
    await expect(plugin.call('create', { cpus: 64 })).rejects.toMatchObject({ code: 'BERTH_SANDBOX_LIMIT_EXCEEDED', message: expect.stringContaining("'max_cpus'") });
    await expect(plugin.call('create', { network: 'open' })).rejects.toMatchObject({
      code: 'BERTH_SANDBOX_LIMIT_EXCEEDED',
      message: expect.stringContaining("network 'open' is beyond the allowed 'none' (allow_network is false); ask for less, or raise the setting 'allow_network'"),
    });
    const id = String((await plugin.call('create', { template: 'small' }))['id']);
    await expect(plugin.call('exec', { sandbox: id, command: 'true', timeout_seconds: 3600 })).rejects.toMatchObject({
      code: 'BERTH_SANDBOX_LIMIT_EXCEEDED',
      message: expect.stringContaining("timeout_seconds 3600 s is beyond the allowed 600 s; ask for less, or raise the setting 'max_exec_seconds'"),
    });
    await expect(plugin.call('extend', { sandbox: id, seconds: 10 ** 6 })).rejects.toMatchObject({ code: 'BERTH_SANDBOX_LIMIT_EXCEEDED', message: expect.stringContaining("'max_lifetime_seconds'") });
    await plugin.call('destroy', { sandbox: id });
  });

  it('an unknown template lists the defined ones', async (ctx) => {
    if (bwrap.skip !== undefined) return ctx.skip(bwrap.skip);
    await expect(plugin.call('create', { template: 'huge' })).rejects.toMatchObject({
      code: 'BERTH_SANDBOX_TEMPLATE_UNKNOWN',
      message: "plugin 'sandbox-manager': no template 'huge' in the setting 'templates' (templates: small); pass image instead, or add the template",
    });
  });

  it('a workspace outside the allowed roots (also through a symlink) is refused, naming the setting', async (ctx) => {
    if (bwrap.skip !== undefined) return ctx.skip(bwrap.skip);
    for (const path of ['/etc', join(allowed, 'escape')]) {
      await expect(plugin.call('create', { workspace: { path, mode: 'ro' } })).rejects.toMatchObject({
        code: 'BERTH_SANDBOX_PATH_DENIED',
        message: expect.stringContaining(`it is outside the allowed roots (${allowed}); add a parent folder to the setting 'allowed_roots'`),
      });
    }
    const id = String((await plugin.call('create', { workspace: { path: join(allowed, 'project'), mode: 'ro' } }))['id']);
    const ran = await plugin.call('exec', { sandbox: id, command: 'touch /workspace/x' });
    expect(ran['exit_code']).not.toBe(0);
    expect(String(ran['stderr'])).toMatch(/Read-only file system/);
    await plugin.call('destroy', { sandbox: id });
  });

  it('file tools refuse paths that leave the workspace', async (ctx) => {
    if (bwrap.skip !== undefined) return ctx.skip(bwrap.skip);
    const id = String((await plugin.call('create', {}))['id']);
    for (const path of ['../etc/passwd', '/etc/passwd', '/workspace/../tmp/x']) {
      await expect(plugin.call('read_file', { sandbox: id, path })).rejects.toMatchObject({
        code: 'BERTH_SANDBOX_PATH_DENIED',
        message: expect.stringContaining(`path '${path}' refused: the file tools reach only the workspace (/workspace)`),
      });
    }
    await expect(plugin.call('read_file', { sandbox: id, path: 'missing.txt' })).rejects.toMatchObject({ code: 'BERTH_SANDBOX_FILE_FAILED', message: expect.stringContaining("read '/workspace/missing.txt' in sandbox") });
    await plugin.call('destroy', { sandbox: id });
  });

  it('Docker unreachable names the socket and the bubblewrap fallback; auto falls back to it', async (ctx) => {
    if (bwrap.skip !== undefined) return ctx.skip(bwrap.skip);
    const down = await startPlugin({ backend: 'docker', docker_socket: '/nonexistent/docker.sock' });
    await expect(down.call('create', {})).rejects.toMatchObject({
      code: 'BERTH_SANDBOX_BACKEND_UNAVAILABLE',
      message: expect.stringMatching(/Docker does not answer at \/nonexistent\/docker\.sock .*set the setting 'backend' to 'bwrap' to run sandboxes under bubblewrap instead/),
    });
    await down.stop();
    const auto = await startPlugin({ backend: 'auto', docker_socket: '/nonexistent/docker.sock' });
    const created = await auto.call('create', {});
    expect(created['backend']).toBe('bwrap');
    await auto.stop();
  });

  it('an image without the userland sandboxes need says so', async (ctx) => {
    if (docker.skip !== undefined) return ctx.skip(docker.skip);
    const image = await ensureBusyboxImage();
    const onDocker = await startPlugin(docker.settings);
    await expect(onDocker.call('create', { image })).rejects.toMatchObject({
      code: 'BERTH_DOCKER_REQUEST_FAILED',
      message: expect.stringContaining(`open the workspace of a sandbox of image '${image}' failed: chmod exited 126; sandbox images need a POSIX userland (sleep, sh, chmod, rm, cat)`),
    });
    await onDocker.stop();
  }, 60_000);

  it('parallel creations count against max_sandboxes', async (ctx) => {
    if (bwrap.skip !== undefined) return ctx.skip(bwrap.skip);
    const capped = await startPlugin({ ...bwrap.settings, max_sandboxes: 3 });
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => capped.call('create', {})));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    for (const o of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
      expect(o.reason).toMatchObject({ code: 'BERTH_SANDBOX_LIMIT_EXCEEDED', message: expect.stringContaining("sandboxes 4 is beyond the allowed 3; ask for less, or raise the setting 'max_sandboxes'") });
    }
    await capped.stop();
  });

  it('an image missing locally and not pullable says both', async (ctx) => {
    if (docker.skip !== undefined) return ctx.skip(docker.skip);
    const onDocker = await startPlugin(docker.settings);
    await expect(onDocker.call('create', { image: '127.0.0.1:1/berth-test/absent:nope' })).rejects.toMatchObject({
      code: 'BERTH_DOCKER_IMAGE_UNAVAILABLE',
      message: expect.stringContaining("image '127.0.0.1:1/berth-test/absent:nope' is not present locally, and pulling it failed"),
    });
    await onDocker.stop();
  }, 60_000);
});
