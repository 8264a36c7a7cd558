import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';

// docker-llm runs sandboxed: the sandbox's network guard (preloaded as in a plugin's process, no grant) refuses the
// Docker Desktop socket with ERR_ACCESS_DENIED. The message must say the sandbox denied it, not that the socket is broken.
const repo = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const discovery = path.join(repo, 'plugins', 'docker-llm', 'dist', 'discovery', 'find-model-runner.js');
const outside = mkdtempSync(path.join(tmpdir(), 'berth-dmr-denied-'));
const guard = path.join(repo, 'packages', 'host', 'dist', 'sandbox', 'child', 'network-guard.js');
afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe('a socket the sandbox denies', () => {
  it('is reported as denied by the sandbox, not as the socket failing', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(outside, 'docker.sock'), resolve));
    const script = `
      const { findModelRunner } = await import(${JSON.stringify(discovery)});
      try { await findModelRunner({ env: {}, defaultPort: 1, containerUrl: null, socketPaths: [${JSON.stringify(path.join(outside, 'docker.sock'))}], probeTimeoutMs: 500 }); }
      catch (error) { process.stdout.write(error.message); }`;
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--import', guard, '--input-type=module', '-e', script], (error, stdout, stderr) =>
        error !== null && stdout === '' ? reject(new Error(stderr)) : resolve(stdout),
      );
    });
    expect(out).toContain(`docker.sock (/exp/vDD4.40): not tried: the sandbox denies this plugin that path`);
    expect(out).not.toContain('ERR_ACCESS_DENIED');
    server.close();
  });
});
