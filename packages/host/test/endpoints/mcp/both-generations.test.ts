import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect1, connect2, textOf, type TestClient } from './support/clients.js';
import { startHttpFixture, type HttpFixture } from './support/http-fixture.js';

// Acceptance 2: an MCP SDK 1.x client and a 2.x client, each over stdio and over HTTP, list the tools of a
// tool plugin (demo) and of an MCP plugin (notes, the mcp-notes example server) and call them; invalid
// arguments, unknown tools and a guard's denial come back as MCP tool errors with readable messages.

let http: HttpFixture;
beforeAll(async () => {
  http = await startHttpFixture();
});
afterAll(async () => {
  await http.close();
});

const cases: { name: string; connect: () => Promise<TestClient>; protocol: string }[] = [
  { name: '1.x over HTTP', connect: () => connect1({ url: http.endpoint.mcpUrl, token: http.token }), protocol: '2025-11-25' },
  { name: '2.x over HTTP', connect: () => connect2({ url: http.endpoint.mcpUrl, token: http.token }), protocol: '2026-07-28' },
  { name: '2.x (no negotiation) over HTTP', connect: () => connect2({ url: http.endpoint.mcpUrl, token: http.token }, 'legacy'), protocol: '2025-11-25' },
  { name: '1.x over stdio', connect: () => connect1('stdio'), protocol: '' },
  { name: '2.x over stdio', connect: () => connect2('stdio'), protocol: '2026-07-28' },
];

describe.each(cases)('$name', ({ connect, protocol }) => {
  let client: TestClient;
  beforeAll(async () => {
    client = await connect();
  });
  afterAll(async () => {
    await client.close();
  });

  it('negotiates its protocol generation', () => {
    if (protocol !== '') expect(client.protocolVersion).toBe(protocol);
  });

  it('lists the tools of a tool plugin and of an MCP plugin under wire names', async () => {
    const names = await client.listToolNames();
    expect(names).toEqual(expect.arrayContaining(['demo__echo', 'demo__slow', 'notes__add_note', 'notes__list_notes', 'notes__wait']));
    for (const name of names) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it('calls both', async () => {
    expect(textOf(await client.call('demo__echo', { text: 'hi' }))).toBe('echo: hi');
    const saved = await client.call('notes__add_note', { title: 'greeting', text: 'hello' });
    expect(saved.isError).toBeFalsy();
    expect(textOf(await client.call('notes__list_notes', {}))).toContain('greeting');
  });

  it('reports invalid arguments as a tool error naming the tool, the field and the code', async () => {
    const result = await client.call('demo__echo', { text: 42 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("invalid arguments for tool 'demo/echo' (plugin 'demo')");
    expect(textOf(result)).toContain('/text: must be string');
    expect(textOf(result)).toContain('[BERTH_TOOL_INPUT_INVALID]');
  });

  it('reports an unknown tool as a tool error', async () => {
    const result = await client.call('demo__nope', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("no tool 'demo/nope' is registered (run: berth tools list)");
    expect(textOf(result)).toContain('[BERTH_TOOL_NOT_FOUND]');
  });

  it("reports a guard's denial as a tool error", async () => {
    const result = await client.call('demo__echo', { text: 'forbidden' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("call to tool 'demo/echo' denied by the guard of plugin 'guard'");
    expect(textOf(result)).toContain('[BERTH_TOOL_DENIED]');
  });

  it("passes an MCP plugin server's own refusal through as a tool error", async () => {
    const result = await client.call('notes__add_note', { title: 'Not Valid!', text: 'x' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/title/);
  });

  it('passes progress notifications through', async () => {
    const updates: unknown[] = [];
    const result = await client.call('notes__wait', { ms: 200 }, { onProgress: (p) => updates.push(p) });
    expect(textOf(result)).toBe('waited 200 ms');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates[0]).toMatchObject({ progress: 1, total: 4 });
  });
});
