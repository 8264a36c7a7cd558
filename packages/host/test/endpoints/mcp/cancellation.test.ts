import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect1, connect2, textOf, type TestClient } from './support/clients.js';
import { startHttpFixture, type HttpFixture } from './support/http-fixture.js';

// Acceptance 4 (second half): a client's cancellation aborts the handler, observed by the plugin — an in-process
// tool's handler sees its signal abort, and an MCP plugin's server (mcp-notes) records the cancelled call.

let http: HttpFixture;
beforeAll(async () => {
  http = await startHttpFixture();
});
afterAll(async () => {
  await http.close();
});

/** Calls `tool` and cancels it after 300 ms; resolves with how the call ended. */
async function callAndCancel(client: TestClient, tool: string, args: Record<string, unknown>): Promise<unknown> {
  const controller = new AbortController();
  const pending = client.call(tool, args, { signal: controller.signal });
  setTimeout(() => controller.abort(), 300);
  return pending.then(
    () => 'completed',
    (error: unknown) => error,
  );
}

async function cancellationsSeenByNotes(client: TestClient): Promise<number> {
  return (JSON.parse(textOf(await client.call('notes__cancellations', {}))) as { count: number }).count;
}

const clients = [
  ['1.x over HTTP', () => connect1({ url: http.endpoint.mcpUrl, token: http.token })],
  ['2.x over HTTP', () => connect2({ url: http.endpoint.mcpUrl, token: http.token })],
  ['2.x (no negotiation) over HTTP', () => connect2({ url: http.endpoint.mcpUrl, token: http.token }, 'legacy')],
] as const;

describe.each(clients)('%s', (_name, connect) => {
  it("aborts an in-process tool's handler", async () => {
    const client = await connect();
    try {
      const before = http.observed.aborts.length;
      const outcome = await callAndCancel(client, 'demo__slow', { ms: 20_000 });
      expect(outcome).toBeInstanceOf(Error);
      await expect.poll(() => http.observed.aborts.length, { timeout: 3_000 }).toBe(before + 1);
      expect(http.observed.aborts.at(-1)?.ms).toBe(20_000);
    } finally {
      await client.close();
    }
  });

  it("aborts an MCP plugin server's handler (the server records it)", async () => {
    const client = await connect();
    try {
      const before = await cancellationsSeenByNotes(client);
      const outcome = await callAndCancel(client, 'notes__wait', { ms: 20_000 });
      expect(outcome).toBeInstanceOf(Error);
      await expect.poll(() => cancellationsSeenByNotes(client), { timeout: 3_000 }).toBe(before + 1);
    } finally {
      await client.close();
    }
  });
});

describe.each([
  ['1.x over stdio', () => connect1('stdio')],
  ['2.x over stdio', () => connect2('stdio')],
] as const)('%s', (_name, connect) => {
  it("aborts an MCP plugin server's handler behind the stdio endpoint", async () => {
    const client = await connect();
    try {
      expect(await cancellationsSeenByNotes(client)).toBe(0);
      const outcome = await callAndCancel(client, 'notes__wait', { ms: 20_000 });
      expect(outcome).toBeInstanceOf(Error);
      await expect.poll(() => cancellationsSeenByNotes(client), { timeout: 3_000 }).toBe(1);
    } finally {
      await client.close();
    }
  });
});
