import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bwrapCase, dockerCase, labelledContainers } from './support/backends.js';
import type { BackendCase } from './support/backends.js';
import { serveSandboxManager } from './support/berth-serve.js';
import type { ServedPlugin } from './support/berth-serve.js';

/** The lines of the host's audit log under a BERTH_HOME (wherever its data folder is). */
async function readAudit(home: string): Promise<string[]> {
  const files = (await readdir(home, { recursive: true })).filter((f) => f.endsWith('audit.jsonl'));
  const texts = await Promise.all(files.map((f) => readFile(join(home, f), 'utf8')));
  return texts.join('\n').split('\n');
}

const SCRIPT = "require('fs').writeFileSync('result.txt', 'answer=' + 6 * 7)";

/** Acceptance 1 through `berth serve` with an MCP client: create → write a script → exec it → read its output → destroy. */
for (const load of [dockerCase, bwrapCase]) {
  describe(`through berth serve over MCP (${load.name.replace('Case', '')})`, () => {
    let backend: BackendCase;
    let served: ServedPlugin;
    beforeAll(async () => {
      backend = await load();
      // bubblewrap cannot nest inside Berth's own bubblewrap tier under a root host (see docs): that run is trusted.
      if (backend.skip === undefined) served = await serveSandboxManager(backend.settings, backend.name === 'bwrap' && process.getuid?.() === 0);
    }, 120_000);
    afterAll(async () => {
      await served?.close();
    });

    it('lists the tools with their annotations, and runs a script end to end', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const { tools } = await served.client.listTools();
      const create = tools.find((t) => t.name === 'sandbox-manager__create');
      expect(create?.annotations).toMatchObject({ readOnlyHint: false, openWorldHint: false });
      expect(tools.find((t) => t.name === 'sandbox-manager__destroy')?.annotations?.destructiveHint).toBe(true);
      const created = await served.call('create', {});
      const id = String(created['id']);
      expect(created['backend']).toBe(backend.name);
      await served.call('write_file', { sandbox: id, path: 'job.js', content: SCRIPT });
      expect(await served.call('exec', { sandbox: id, command: ['node', 'job.js'] })).toMatchObject({ exit_code: 0, killed: null });
      expect(await served.call('read_file', { sandbox: id, path: 'result.txt' })).toMatchObject({ content: 'answer=42' });
      expect(await served.call('destroy', { sandbox: id })).toEqual({ id, destroyed: true });
      expect((await served.call('list', {}))['sandboxes']).toEqual([]);
      if (backend.name === 'docker') {
        expect(await labelledContainers()).not.toContain(id);
        // Docker was reached through the host's policy socket for this plugin, never the raw one.
        const audit = await readAudit(served.home);
        expect(audit.some((line) => line.includes('docker-policy') && line.includes('sandbox-manager') && line.includes('/containers/create'))).toBe(true);
      }
    }, 180_000);
  });
}

describe('through berth serve: the host killed mid-run, then restarted', () => {
  it('leaves the sandboxes until the restart, which removes them (Docker)', async (ctx) => {
    const docker = await dockerCase();
    if (docker.skip !== undefined) return ctx.skip(docker.skip);
    const first = await serveSandboxManager(docker.settings);
    const ids = [String((await first.call('create', {}))['id']), String((await first.call('create', {}))['id'])];
    await first.call('exec', { sandbox: ids[0] ?? '', command: 'sleep 300', background: true });
    process.kill(first.pid ?? 0, 'SIGKILL');
    await first.close().catch(() => undefined);
    expect((await labelledContainers()).filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    const second = await serveSandboxManager(docker.settings, false, first.home);
    try {
      expect((await second.call('list', {}))['sandboxes']).toEqual([]);
      expect((await labelledContainers()).filter((id) => ids.includes(id))).toEqual([]);
    } finally {
      await second.close();
    }
  }, 180_000);
});

describe('through berth serve: bubblewrap inside the bubblewrap tier of a root host', () => {
  it('says why bubblewrap cannot run there and what to do', async (ctx) => {
    const bwrap = await bwrapCase();
    if (bwrap.skip !== undefined) return ctx.skip(bwrap.skip);
    if (process.getuid?.() !== 0) return ctx.skip('only a root host refuses nested user namespaces');
    const served = await serveSandboxManager(bwrap.settings);
    try {
      await expect(served.call('create', {})).rejects.toThrow(
        /the bwrap sandbox backend is not usable: bubblewrap cannot start a sandbox here \(.*\)\. If Berth runs as root and this plugin in Berth's own bubblewrap tier, mark it trusted \(plugins\.sandbox-manager\.trusted\).*\[BERTH_TOOL_FAILED, BERTH_SANDBOX_BACKEND_UNAVAILABLE\]/,
      );
    } finally {
      await served.close();
    }
  }, 120_000);
});
