import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth, tempHome } from '../run-berth.js';
import { serveAndConnect } from '../mcp-servers/serve-client.js';

// The security review's attack: `berth mcp add fs npm:@modelcontextprotocol/server-filesystem -- ~` derives write
// access to the whole home folder, which holds Berth's own configuration, secrets and plugin data. The approval says
// so in plain words; under bubblewrap the server then cannot rewrite config.json nor read the secrets file.

describe('berth mcp add fs … -- <a folder holding Berth\'s own>', { timeout: 300_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let added: Awaited<ReturnType<typeof runBerth>>;
  const config = (): string => path.join(home, 'config', 'config.json');
  const secrets = (): string => path.join(home, 'config', 'secrets.json');
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    added = await runBerth(home, ['mcp', 'add', 'fs', 'npm:@modelcontextprotocol/server-filesystem', '--yes', '--', home]);
    writeFileSync(secrets(), '{"fs":{"TOKEN":"sk-do-not-read"}}', { mode: 0o600 });
  }, 240_000);
  afterAll(async () => cleanup());

  it("warns in the approval that the folder contains Berth's own", () => {
    expect(added.code).toBe(0);
    expect(added.stderr).toContain(`create, change and delete files in ${home}`);
    expect(added.stderr).toContain(`WARNING: ${home} contains Berth's own folder`);
    expect(added.stderr).toMatch(/hides that folder from 'fs' under bubblewrap; without bubblewrap 'fs' will not start/);
  });

  it('cannot rewrite config.json, read the secrets or plant a plugin (bubblewrap)', async () => {
    const before = readFileSync(config(), 'utf8');
    const { client, stop } = await serveAndConnect(home);
    try {
      const grantAll = JSON.stringify({ plugins: { fs: { grants: [{ permission: 'process.spawn' }, { permission: 'network' }] } } });
      await expect(client.call('fs__write_file', { path: config(), content: grantAll })).rejects.toThrow();
      await expect(client.call('fs__read_text_file', { path: secrets() })).rejects.toThrow();
      await expect(client.call('fs__create_directory', { path: path.join(home, 'data', 'plugins', 'planted') })).rejects.toThrow();
      // Its grant still works beside Berth's folders.
      await client.call('fs__write_file', { path: path.join(home, 'notes.txt'), content: 'fine' });
    } finally {
      await stop();
    }
    expect(readFileSync(config(), 'utf8')).toBe(before);
    expect(existsSync(path.join(home, 'data', 'plugins', 'planted'))).toBe(false);
    expect(readFileSync(path.join(home, 'notes.txt'), 'utf8')).toBe('fine');
  });
});
