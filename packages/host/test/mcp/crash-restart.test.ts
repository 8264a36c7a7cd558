import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restartWithBackoff } from '@berth/host';
import { connect1, connect2, textOf } from '../endpoints/mcp/support/clients.js';
import { startHttpFixture, type HttpFixture } from '../endpoints/mcp/support/http-fixture.js';

// Acceptance 4 (first half): killing an MCP plugin's server during a call — the client gets an error promptly,
// the server restarts, the next call succeeds. For a client of each generation.

let http: HttpFixture;
let stopRestarting: () => void;
beforeAll(async () => {
  http = await startHttpFixture();
  stopRestarting = restartWithBackoff(http.notes, silent(), { initialDelayMs: 50 });
});
afterAll(async () => {
  stopRestarting();
  await http.close();
});

function silent(): { trace: () => void; debug: () => void; info: () => void; warn: () => void; error: () => void } {
  const nothing = (): void => undefined;
  return { trace: nothing, debug: nothing, info: nothing, warn: nothing, error: nothing };
}

describe.each([
  ['1.x', () => connect1({ url: http.endpoint.mcpUrl, token: http.token })],
  ['2.x', () => connect2({ url: http.endpoint.mcpUrl, token: http.token })],
] as const)('a %s client, when the MCP server dies mid-call', (_generation, connect) => {
  it('gets a crash error promptly, and the restarted server answers the next call', async () => {
    const client = await connect();
    try {
      const before = Number(textOf(await client.call('notes__pid', {})));
      expect(before).toBe(http.notes.pid());
      const pending = client.call('notes__wait', { ms: 30_000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const killedAt = Date.now();
      process.kill(before, 'SIGKILL');
      const result = await pending;
      expect(Date.now() - killedAt).toBeLessThan(2_000);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain("the MCP server of plugin 'notes' stopped: the connection closed during the call to 'wait'");
      expect(textOf(result)).toContain('[BERTH_TOOL_FAILED, BERTH_PLUGIN_CRASHED]');

      await expect.poll(() => http.notes.state, { timeout: 10_000 }).toBe('up');
      const after = Number(textOf(await client.call('notes__pid', {})));
      expect(after).not.toBe(before);
      expect(textOf(await client.call('notes__list_notes', {}))).toBe('(no notes)');
    } finally {
      await client.close();
    }
  });
});
