import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage, skipUnlessDocker } from '../../../../test/support/docker/index.js';
import { connect, data, dockerCli, engine, failure, leftovers } from './client.js';
import type { Connected, Harness } from './client.js';

const docker = await skipUnlessDocker();

/** The container tools end to end, through `harness` (standalone stdio, or `berth serve`). */
export function containerSuite(title: string, harness: Harness, run: string): void {
const SUITE = `berth.test.suite=containers-${run}-${process.pid}`;
const labels = { 'berth.test.suite': SUITE.split('=')[1] ?? '' };

describe.skipIf(!docker.available)(title, () => {
  let mcp: Connected;
  let root: string;
  let image: string;
  let id = '';

  beforeAll(async () => {
    image = await ensureBusyboxImage();
    root = await mkdtemp(join(tmpdir(), 'berth-dmcp-'));
    mcp = await connect({ allowed_roots: [root], output_cap_bytes: 4096 }, harness);
  });

  afterAll(async () => {
    await mcp?.close();
    await rm(root, { recursive: true, force: true });
    expect(await leftovers(SUITE)).toEqual({ containers: [], networks: [] });
  });

  it('runs a container to its end and returns its output, removed like docker run --rm', async () => {
    const out = data(await mcp.call('container_run', { image, command: 'echo hello; echo oops >&2; exit 3', wait: true, auto_remove: true, labels }));
    expect(out).toMatchObject({ exitCode: 3, stdout: 'hello\n', stderr: 'oops\n', truncated: false, removed: true });
    await expect(engine.getContainer(String(out['id'])).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('runs a detached container labelled as Berth-managed, as docker reports', async () => {
    const out = data(await mcp.call('container_run', { image, command: ['sleep', '300'], labels, memory_mb: 64, pids_limit: 50, env: { GREETING: 'hi' } }));
    id = String(out['id']);
    const info = await engine.getContainer(id).inspect();
    expect(info.State.Running).toBe(true);
    expect(info.Config.Labels).toMatchObject({ 'berth.managed': 'true', 'berth.plugin': 'docker-mcp-tools' });
    expect(info.Config.Labels['berth.session']).toMatch(/^[0-9a-f-]{36}$/);
    expect(info.HostConfig.Privileged).toBe(false);
    expect(info.HostConfig.Memory).toBe(64 * 1024 * 1024);
    const listed = data(await mcp.call('container_list', {})) as { containers: { id: string }[] };
    expect(listed.containers.map((c) => c.id)).toContain(id);
    expect(data(await mcp.call('container_inspect', { container: id }))).toMatchObject({ container: { Id: id } });
  });

  it('execs in it: exit code, stdout, stderr, env, working dir, and a capped, flagged output', async () => {
    const out = data(await mcp.call('container_exec', { container: id, command: 'echo $GREETING $X; pwd; echo err >&2; exit 7', env: { X: 'there' }, working_dir: '/tmp' }));
    expect(out).toMatchObject({ exitCode: 7, stdout: 'hi there\n/tmp\n', stderr: 'err\n', truncated: false });
    const big = data(await mcp.call('container_exec', { container: id, command: ['sh', '-c', 'yes | head -c 100000'] }));
    expect(big['truncated']).toBe(true);
    expect(String(big['stdout']).length).toBe(4096);
  });

  it('copies a file in (from a host file and from content) and out, as docker cp sees it', async () => {
    const hostFile = join(root, 'notes.txt');
    await writeFile(hostFile, 'from the host\n');
    data(await mcp.call('container_copy_in', { container: id, path: '/tmp', source: hostFile }));
    data(await mcp.call('container_copy_in', { container: id, path: '/tmp', content: 'given text\n', file_name: 'given.txt' }));
    expect(await dockerCli('exec', id, 'cat', '/tmp/notes.txt', '/tmp/given.txt')).toBe('from the host\ngiven text');
    const out = data(await mcp.call('container_read_files', { container: id, path: '/tmp/given.txt' })) as { files: { path: string; content: string }[] };
    expect(out.files).toEqual([expect.objectContaining({ path: 'given.txt', content: 'given text\n', encoding: 'utf8' })]);
    data(await mcp.call('container_copy_out', { container: id, path: '/tmp/notes.txt', destination: join(root, 'out') }));
    expect(await readFile(join(root, 'out', 'notes.txt'), 'utf8')).toBe('from the host\n');
  });

  it('reads its logs (demultiplexed, tail, timestamps) and one stats sample', async () => {
    const logged = data(await mcp.call('container_run', { image, command: 'echo one; echo two; sleep 0.3; echo three >&2', wait: true, labels }));
    const logId = String(logged['id']);
    expect(data(await mcp.call('container_logs', { container: logId }))).toMatchObject({ stdout: 'one\ntwo\n', stderr: 'three\n' });
    expect(data(await mcp.call('container_logs', { container: logId, tail: 1 }))).toMatchObject({ stdout: '', stderr: 'three\n' });
    expect(data(await mcp.call('container_logs', { container: logId, tail: 2, stderr: false }))).toMatchObject({ stdout: 'two\n', stderr: '' });
    const stamped = data(await mcp.call('container_logs', { container: logId, timestamps: true, stderr: false }));
    expect(String(stamped['stdout'])).toMatch(/^\d{4}-\d\d-\d\dT[^ ]+ one\n/);
    expect(await dockerCli('logs', logId)).toContain('one\ntwo');
    const stats = data(await mcp.call('container_stats', { container: id }));
    expect(stats['memoryBytes']).toBeGreaterThan(0);
    expect(stats['pids']).toBeGreaterThanOrEqual(1);
    data(await mcp.call('container_remove', { container: logId }));
  });

  it('pauses, unpauses, stops, starts, restarts, kills and removes it, as docker reports', async () => {
    const state = async (): Promise<string> => dockerCli('inspect', '-f', '{{.State.Status}}', id);
    data(await mcp.call('container_pause', { container: id }));
    expect(await state()).toBe('paused');
    data(await mcp.call('container_unpause', { container: id }));
    expect(await state()).toBe('running');
    expect(data(await mcp.call('container_stop', { container: id, timeout_seconds: 1 }))).toMatchObject({ state: 'exited', changed: true });
    expect(data(await mcp.call('container_stop', { container: id }))).toMatchObject({ changed: false });
    data(await mcp.call('container_start', { container: id }));
    data(await mcp.call('container_restart', { container: id, timeout_seconds: 1 }));
    expect(await state()).toBe('running');
    data(await mcp.call('container_kill', { container: id }));
    expect(await state()).toBe('exited');
    data(await mcp.call('container_remove', { container: id }));
    await expect(engine.getContainer(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it("reports a container that cannot start with the engine's reason, and discards it under auto_remove", async () => {
    const error = failure(await mcp.call('container_run', { image, command: ['/no/such/program'], wait: true, auto_remove: true, labels }));
    expect(error.code).toBe('BERTH_DOCKER_REQUEST_FAILED');
    expect(error.message).toMatch(/^plugin 'docker-mcp-tools': container_run failed: .*no such file or directory/);
    expect((await leftovers(SUITE)).containers).toHaveLength(0);
  });

  it('names the container that holds a name on a conflict', async () => {
    const name = `berth-conflict-${process.pid}`;
    const first = data(await mcp.call('container_create', { image, name, command: ['true'], labels }));
    const error = failure(await mcp.call('container_create', { image, name, command: ['true'], labels }));
    expect(error.code).toBe('BERTH_DOCKER_NAME_CONFLICT');
    expect(error.message).toContain(`the container name '${name}' is already in use by container ${String(first['id'])}`);
  });

  it('says an image is absent locally and that pulling it failed', async () => {
    const error = failure(await mcp.call('container_run', { image: 'berth-test/absent-image:1', command: ['true'], labels }));
    expect(error.code).toBe('BERTH_DOCKER_IMAGE_UNAVAILABLE');
    expect(error.message).toMatch(/image 'berth-test\/absent-image:1' is not present locally, and pulling it failed: .+/);
  });
});
}
