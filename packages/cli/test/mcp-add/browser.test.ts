import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth, tempHome } from '../run-berth.js';
import { serveAndConnect } from '../mcp-servers/serve-client.js';

// Issue 12, acceptance 1: a browser-driving MCP server (@playwright/mcp, published, unmodified) added by one command,
// driving Debian's chromium headless with process.spawn granted for /usr/bin/chromium only, and a read of the
// configuration Debian's chromium wrapper script sources. Its profile and output go to its data folder; the page
// is a data: URL, so it needs no network grant. (Chromium's own sandbox cannot nest in Berth's: --no-sandbox.)

const present = existsSync('/usr/bin/chromium');
if (!present && process.env['CI'] === 'true') throw new Error('CI=true but /usr/bin/chromium is missing (apt-get install chromium)');

describe.skipIf(!present)('berth mcp add browser npm:@playwright/mcp --allow-spawn /usr/bin/chromium', { timeout: 300_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let added: Awaited<ReturnType<typeof runBerth>>;
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    added = await runBerth(home, [
      'mcp', 'add', 'browser', 'npm:@playwright/mcp', '--allow-spawn', '/usr/bin/chromium', '--allow-read', '/etc/chromium.d', '--allow-read', '/etc/chromium', '--yes',
      '--', '--headless', '--no-sandbox', '--executable-path', '/usr/bin/chromium', '--user-data-dir', '${pluginData}/profile', '--output-dir', '${pluginData}/output',
    ]);
  }, 240_000);
  afterAll(async () => cleanup());

  it('is granted process.spawn for chromium only, and a read of its configuration', async () => {
    expect(added.code).toBe(0);
    expect(added.stderr).toContain('start /usr/bin/chromium (and no other program), inside its sandbox');
    const info = JSON.parse((await runBerth(home, ['plugins', 'inspect', 'browser', '--json'])).stdout) as { granted: unknown[] };
    expect(info.granted).toEqual([
      { permission: 'filesystem.read', scope: ['/etc/chromium.d', '/etc/chromium'] },
      { permission: 'process.spawn', scope: ['/usr/bin/chromium'] },
    ]);
  });

  it('drives chromium headless through berth serve', async () => {
    const { client, stop } = await serveAndConnect(home);
    try {
      const page = await client.call('browser__browser_navigate', { url: `data:text/html,${encodeURIComponent('<h1>Hello from a sandboxed chromium</h1>')}` });
      expect(page).toContain('Page URL: data:text/html');
      expect(await client.call('browser__browser_snapshot', {})).toContain('Hello from a sandboxed chromium');
      await client.call('browser__browser_close', {});
    } finally {
      await stop();
    }
  });
});
