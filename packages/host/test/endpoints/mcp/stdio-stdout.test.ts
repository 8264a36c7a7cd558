import { spawn } from 'node:child_process';
import { getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { STDIO_FIXTURE } from './support/clients.js';

// `berth serve --stdio`: nothing but protocol goes to stdout; the call log goes to stderr.

describe('the stdio endpoint', () => {
  it('writes only JSON-RPC messages to stdout and its log to stderr', async () => {
    // The environment an MCP client gives a server it spawns (not vitest's own, which loads its hooks into children).
    const child = spawn(process.execPath, [STDIO_FIXTURE], { stdio: ['pipe', 'pipe', 'pipe'], env: getDefaultEnvironment() });
    const stdout: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const replies = new Map<number, () => void>();
    const reply = (id: number): Promise<void> => new Promise((resolve) => replies.set(id, resolve));
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout.push(line);
      const id = (JSON.parse(line) as { id?: number }).id;
      if (id !== undefined) replies.get(id)?.();
    });
    const send = (message: unknown): boolean => child.stdin.write(`${JSON.stringify(message)}\n`);
    const initialized = reply(1);
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    await initialized;
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    const answered = reply(2);
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'demo__echo', arguments: { text: 'over stdio' } } });
    await answered;
    child.stdin.end();
    await new Promise((resolve) => child.once('exit', resolve));

    expect(stdout.length).toBeGreaterThanOrEqual(2);
    for (const line of stdout) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    const echoed = stdout.map((line) => JSON.parse(line) as { id?: number; result?: { content: { text: string }[] } }).find((m) => m.id === 2);
    expect(echoed?.result?.content[0]?.text).toBe('echo: over stdio');
    const logged = stderr.split('\n').filter((line) => line.includes('"event":"tool.call"'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0] ?? '{}')).toMatchObject({ tool: 'demo/echo', outcome: 'ok', transport: 'stdio', args: { text: 'string' } });
  });
});
