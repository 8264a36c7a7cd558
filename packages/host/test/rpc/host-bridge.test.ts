import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import rpc from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { attachBridge, ChildCalls, LOG_LINES_PER_SECOND, openChannel, ProcessRunner, type AuditRecord } from '@berth/host';
import { createHarness, HOSTILE, runnable, type Harness } from '../sandbox/harness.js';

/** A host bridge and a "child" connection speaking to it over an in-memory duplex pair (real vscode-jsonrpc both ends). */
describe('host bridge: what a child may send', () => {
  let h: Harness;
  let child: MessageConnection;
  const audit: Omit<AuditRecord, 'time'>[] = [];
  beforeAll(() => {
    h = createHarness();
    const toHost = new PassThrough();
    const toChild = new PassThrough();
    const host = openChannel(toHost, toChild);
    const plugin = { name: 'p', version: '1.0.0', dir: '/nonexistent/p', main: '/nonexistent/p/index.js' };
    attachBridge(host, { plugin: 'p', context: h.context(plugin), calls: new ChildCalls(host, 'p', 1000), audit: (r) => audit.push(r), onHeartbeat: () => undefined });
    host.listen();
    child = openChannel(toChild, toHost);
    child.listen();
  });
  afterAll(() => h.cleanup());

  const refusal = async (method: string, params: object) =>
    child.sendRequest(method, params).then(
      () => undefined,
      (e: unknown) => e as { code: number; message: string; data: { code: string; name: string } },
    );

  it('refuses an unknown method with RpcRefusedError (code and message) and audits it', async () => {
    const error = await refusal('host/exec', { command: 'id' });
    expect(error?.data.code).toBe('BERTH_RPC_REFUSED');
    expect(error?.data.name).toBe('RpcRefusedError');
    expect(error?.message).toBe("plugin 'p' sent a refused message 'host/exec': unknown method");
    expect(audit).toContainEqual(expect.objectContaining({ plugin: 'p', permission: 'rpc', target: 'host/exec', allowed: false, detail: 'unknown method' }));
  });

  it('validates params: a malformed registration is refused, names the bad fields, registers nothing', async () => {
    const error = await refusal('tools/register', { name: 42, description: 'x', inputSchema: {}, handler: -1 });
    expect(error?.data.code).toBe('BERTH_RPC_REFUSED');
    expect(error?.message).toMatch(/^plugin 'p' sent a refused message 'tools\/register': invalid params: name .*; handler /);
    expect(h.api.tools.list()).toEqual([]);
  });

  it('refuses calling a service method that is not its own (e.g. constructor)', async () => {
    const error = await refusal('services/call', { service: 'berth.tools', method: 'constructor', args: [] });
    expect(error?.data.code).toBe('BERTH_RPC_REFUSED');
    expect(error?.message).toBe("plugin 'p' sent a refused message 'services/call': service 'berth.tools' has no method 'constructor'");
  });

  it('a valid registration goes through, and its handler is called back by id', async () => {
    child.onRequest('handler/invoke', (params: { handler: number; args: unknown[] }) => ({ v: { got: params.args[0], handler: params.handler } }));
    await child.sendRequest('tools/register', { name: 'echo', description: 'echo', inputSchema: { type: 'object' }, handler: 7 });
    const result = await h.api.tools.call('p/echo', { a: 1 });
    expect(result.structuredContent).toEqual({ got: { a: 1 }, handler: 7 });
  });

  it("a plugin's log fields cannot pass it off as another plugin", async () => {
    await child.sendNotification('log', { level: 'warn', message: 'spoof', fields: { plugin: 'other', msg: 'x' } });
    await child.sendRequest('tools/list', {});
    const line = h.logs.find((l) => l.msg === 'spoof') as { plugin: string; fields?: { plugin: string } } | undefined;
    expect(line?.plugin).toBe('p');
    expect(line?.fields?.plugin).toBe('other');
  });

  it('a log flood is cut at the per-second limit and the drop audited', async () => {
    const before = h.logs.filter((l) => l.msg === 'flood').length;
    const sent = LOG_LINES_PER_SECOND * 3;
    for (let i = 0; i < sent; i++) void child.sendNotification('log', { level: 'info', message: 'flood' });
    await child.sendRequest('tools/list', {}); // answered only after every notification before it was handled
    const logged = h.logs.filter((l) => l.msg === 'flood').length - before;
    expect(logged).toBeGreaterThan(0);
    expect(logged).toBeLessThan(sent);
    expect(audit.filter((r) => r.permission === 'log').length).toBeGreaterThanOrEqual(1);
    expect(audit.find((r) => r.permission === 'log')?.detail).toBe(`more than ${LOG_LINES_PER_SECOND} lines per second: dropped`);
  });

  it('ignores and audits an unknown notification', async () => {
    await child.sendNotification('host/shutdown', {});
    await child.sendRequest('tools/list', {});
    expect(audit).toContainEqual(expect.objectContaining({ permission: 'rpc', target: 'host/shutdown', detail: 'unknown notification' }));
    expect(rpc.ErrorCodes.MethodNotFound).toBe(-32601);
  });
});

describe('message size limit, end to end', () => {
  it('a plugin sending more than the limit is killed, named in the crash error with the size, and audited', async () => {
    const h = createHarness();
    try {
      const runner = new ProcessRunner({ mode: 'nobwrap', grants: () => [], maxMessageBytes: 1024 * 1024, stallMs: 30_000, audit: (r) => h.audit.record(r) });
      const plugin = runnable(`${HOSTILE}rpc-oversized`);
      const instance = await runner.start(plugin, h.context(plugin));
      const error = await h.api.tools.call('hostile-rpc-oversized/attack', {}).then(
        () => undefined,
        (e: unknown) => (e as { cause: { code: string; message: string } }).cause,
      );
      expect(error?.code).toBe('BERTH_PLUGIN_CRASHED');
      expect(error?.message).toMatch(/^plugin 'hostile-rpc-oversized' was killed by SIG(TERM|KILL) \(refused a message of more than \d+ bytes \(limit 1048576\)\)/);
      expect(h.audit.read({ plugin: 'hostile-rpc-oversized' })).toContainEqual(expect.objectContaining({ permission: 'rpc', target: 'oversized message', allowed: false }));
      await instance.stop();
    } finally {
      h.cleanup();
    }
  });
});
