import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bwrapCase, dockerCase } from './support/backends.js';
import type { BackendCase } from './support/backends.js';
import { startPlugin } from './support/harness.js';
import type { StartedPlugin } from './support/harness.js';

const PROCESSES = "for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < $f; echo; done 2>/dev/null";

/** Acceptance 3: ten sandboxes created and used in parallel stay separate. */
for (const load of [dockerCase, bwrapCase]) {
  describe(`ten sandboxes in parallel stay separate (${load.name.replace('Case', '')})`, () => {
    let backend: BackendCase;
    let plugin: StartedPlugin;
    beforeAll(async () => {
      backend = await load();
      if (backend.skip === undefined) plugin = await startPlugin({ ...backend.settings, max_sandboxes: 10 });
    }, 120_000);
    afterAll(async () => {
      await plugin?.stop();
    });

    it('sees only its own files and processes', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const ids = await Promise.all(Array.from({ length: 10 }, async (_, n) => String((await plugin.call('create', { memory_mb: 256, labels: { n: String(n) } }))['id'])));
      expect(new Set(ids).size).toBe(10);
      await expect(plugin.call('create', {})).rejects.toMatchObject({ code: 'BERTH_SANDBOX_LIMIT_EXCEEDED', message: expect.stringContaining("raise the setting 'max_sandboxes'") });
      await Promise.all(ids.map(async (id) => {
        await plugin.call('write_file', { sandbox: id, path: `secret-${id}.txt`, content: `secret of ${id}` });
        await plugin.call('exec', { sandbox: id, command: `sleep 20; echo marker-${id}`, background: true });
      }));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const views = await Promise.all(ids.map(async (id) => {
        const files = await plugin.call('exec', { sandbox: id, command: 'ls -A /workspace /tmp; cat /workspace/*.txt' });
        const processes = await plugin.call('exec', { sandbox: id, command: PROCESSES });
        return { id, files: String(files['stdout']), processes: String(processes['stdout']) };
      }));
      for (const { id, files, processes } of views) {
        expect(files).toContain(`secret of ${id}`);
        if (backend.name === 'docker') expect(processes).toContain(`marker-${id}`);
        for (const other of ids.filter((o) => o !== id)) {
          expect(files).not.toContain(other);
          expect(processes).not.toContain(`marker-${other}`);
        }
      }
      await Promise.all(ids.map((id) => plugin.call('destroy', { sandbox: id })));
      expect((await plugin.call('list', {}))['sandboxes']).toEqual([]);
    }, 180_000);
  });
}
