import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bwrapSandboxRoot } from '../src/backends/select.js';
import { ownerTag } from '../src/labels.js';
import { bwrapCase, dockerCase, labelledContainers } from './support/backends.js';
import type { BackendCase } from './support/backends.js';
import { startPlugin } from './support/harness.js';
import type { StartedPlugin } from './support/harness.js';

const SCRIPT = "const fs = require('fs'); fs.writeFileSync('out/result.txt', 'sum=' + (2 + 3) + ' user=' + process.getuid()); console.log('done');";

/** Acceptance 1 (tool handlers): create → write a script → exec it → read its output file → destroy. */
for (const load of [dockerCase, bwrapCase]) {
  describe(`sandbox lifecycle through the tools (${load.name.replace('Case', '')})`, () => {
    let backend: BackendCase;
    let plugin: StartedPlugin;
    beforeAll(async () => {
      backend = await load();
      if (backend.skip === undefined) plugin = await startPlugin(backend.settings);
    }, 120_000);
    afterAll(async () => {
      await plugin?.stop();
    });

    it('creates, writes a script, runs it, reads its output and destroys the sandbox', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const created = await plugin.call('create', { memory_mb: 1024, labels: { purpose: 'lifecycle' } });
      const id = String(created['id']);
      expect(created['backend']).toBe(backend.name);
      expect(created['limits']).toMatchObject({ network: 'none', memory_mb: 1024 });
      await plugin.call('write_file', { sandbox: id, path: 'job.js', content: SCRIPT });
      await plugin.call('mkdir', { sandbox: id, path: 'out' });
      const ran = await plugin.call('exec', { sandbox: id, command: ['node', 'job.js'], timeout_seconds: 30 });
      expect(ran).toMatchObject({ exit_code: 0, stdout: 'done\n', truncated: false, killed: null });
      const read = await plugin.call('read_file', { sandbox: id, path: '/workspace/out/result.txt' });
      expect(read['content']).toBe('sum=5 user=65534');
      const listing = await plugin.call('list_files', { sandbox: id });
      expect((listing['entries'] as { name: string }[]).map((e) => e.name).sort()).toEqual(['job.js', 'out']);
      const listed = await plugin.call('list', {});
      expect((listed['sandboxes'] as { id: string; backend: string }[]).find((s) => s.id === id)?.backend).toBe(backend.name);
      expect(await plugin.call('destroy', { sandbox: id })).toEqual({ id, destroyed: true });
      expect((await plugin.call('list', {}))['sandboxes']).toEqual([]);
      if (backend.name === 'docker') expect(await labelledContainers(ownerTag(plugin.dataDir))).toEqual([]);
      else {
        await (await plugin.runtime.manager()).backend.close?.();
        expect(await readdir(bwrapSandboxRoot(plugin.dataDir)).catch(() => [])).toEqual([]);
      }
    }, 120_000);
  });
}
