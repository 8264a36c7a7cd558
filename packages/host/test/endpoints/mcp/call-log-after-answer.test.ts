import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import type { Logger } from '@berth/sdk';
import { serveMcpStdio } from '@berth/host';
import { createTestRegistry } from './support/test-registry.mjs';
import { registerDemoTools } from './support/demo-tools.mjs';

// The call log line costs the caller nothing: it is written after the answer has been handed to the transport.
describe('the call log', () => {
  it('is written after the answer of the call it records', async () => {
    const events: string[] = [];
    const record = (level: string) => (obj: unknown) => {
      if (typeof obj === 'object' && obj !== null && (obj as { event?: string }).event === 'tool.call') events.push(`log ${level}`);
    };
    const logger = { trace() {}, debug() {}, info: record('info'), warn: record('warn'), error() {}, child: () => logger } as unknown as Logger;
    const registry = createTestRegistry();
    registerDemoTools(registry);
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const endpoint = serveMcpStdio({ source: registry.source, logger, stdin, stdout });
    const waiting = new Map<number, () => void>();
    createInterface({ input: stdout }).on('line', (line) => {
      const id = (JSON.parse(line) as { id?: number }).id;
      if (id === undefined) return;
      events.push(`answer ${id}`);
      waiting.get(id)?.();
    });
    const ask = (message: { id: number }): Promise<void> =>
      new Promise((resolve) => {
        waiting.set(message.id, resolve);
        stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
      });
    try {
      await ask({ id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } } as never);
      stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
      await ask({ id: 2, method: 'tools/call', params: { name: 'demo__echo', arguments: { text: 'hi' } } } as never);
      await ask({ id: 3, method: 'tools/call', params: { name: 'demo__nope', arguments: {} } } as never);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect([...events].sort()).toEqual(['answer 1', 'answer 2', 'answer 3', 'log info', 'log warn']);
      expect(events.indexOf('answer 2')).toBeLessThan(events.indexOf('log info'));
      expect(events.indexOf('answer 3')).toBeLessThan(events.indexOf('log warn'));
    } finally {
      await endpoint.close();
    }
  });
});
