import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth, tempHome } from '../run-berth.js';
import { serveAndConnect } from '../mcp-servers/serve-client.js';

// Issue 12, acceptance 1: a browser-driving MCP server (@playwright/mcp, published, unmodified) added by one command,
// driving Debian's chromium headless with process.spawn granted for /usr/bin/chromium only. Its temporary files go
// to its data folder (TMPDIR=${pluginData}); the page is a data: URL, so it needs no network grant.

describe('berth mcp add browser npm:@playwright/mcp --allow-spawn /usr/bin/chromium', { timeout: 300_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let added: Awaited<ReturnType<typeof runBerth>>;
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    added = await runBerth(home, [
      'mcp', 'add', 'browser', 'npm:@playwright/mcp', '--allow-spawn', '/usr/bin/chromium', '--env', 'TMPDIR=${pluginData}', '--yes',
      '--', '--browser', 'chromium', '--executable-path', '/usr/bin/chromium', '--headless', '--isolated',
    ]);
  }, 240_000);
  afterAll(async () => cleanup());

  it('is granted process.spawn for chromium only, and nothing of the filesystem', async () => {
    expect(added.code).toBe(0);
    expect(added.stderr).toContain('start /usr/bin/chromium (and no other program), inside its sandbox');
    const info = JSON.parse((await runBerth(home, ['plugins', 'inspect', 'browser', '--json'])).stdout) as { grants: unknown[] };
    expect(info.grants).toEqual([{ permission: 'process.spawn', scope: ['/usr/bin/chromium'] }]);
  });

  it('drives chromium headless through berth serve', async () => {
    const { client, stop } = await serveAndConnect(home);
    try {
      const page = await client.call('browser__browser_navigate', { url: 'data:text/html,<h1>Hello from a sandboxed chromium</h1>' });
      expect(page).toContain('Hello from a sandboxed chromium');
    } finally {
      await stop();
    }
  });
});
