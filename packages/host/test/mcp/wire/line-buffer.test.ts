import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ReadBuffer } from '@modelcontextprotocol/client';
import { JsonRpcLineBuffer } from '../../../src/mcp/wire/line-buffer.js';

type Buffered = { append(chunk: Buffer): void; readMessage(): unknown };

/** Everything `buffer` reads from `chunks` fed in order (reading after each chunk, as the transports do). */
function readAll(buffer: Buffered, chunks: readonly Buffer[]): unknown[] {
  const out: unknown[] = [];
  for (const chunk of chunks) {
    buffer.append(chunk);
    for (let m = buffer.readMessage(); m !== null; m = buffer.readMessage()) out.push(m);
  }
  return out;
}

/** `bytes` cut at `cuts` (positions, any order, duplicates allowed). */
function cut(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    if (p > from) chunks.push(bytes.subarray(from, p));
    from = p;
  }
  return chunks;
}

const message = fc.oneof(
  fc.record({ jsonrpc: fc.constant('2.0'), id: fc.integer(), result: fc.record({ content: fc.array(fc.record({ type: fc.constant('text'), text: fc.string() }), { maxLength: 2 }) }) }),
  fc.record({ jsonrpc: fc.constant('2.0'), method: fc.constantFrom('notifications/message', 'notifications/progress'), params: fc.record({ level: fc.string(), data: fc.string() }) }),
  fc.record({ jsonrpc: fc.constant('2.0'), id: fc.string(), method: fc.constant('ping') }),
);
/** A line of stdout: a message, or a banner a server printed (not JSON). */
const line = fc.oneof(
  { weight: 4, arbitrary: message.map((m) => JSON.stringify(m)) },
  { weight: 1, arbitrary: fc.constantFrom('server ready', 'Starting… ✓', '') },
);

describe('JsonRpcLineBuffer', () => {
  it('reads exactly what the SDK’s ReadBuffer reads, however the stream is cut', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 10 }), (lines, crlf, cuts) => {
        const bytes = Buffer.from(lines.map((l) => l + (crlf ? '\r\n' : '\n')).join(''));
        const chunks = cut(bytes, cuts);
        expect(readAll(new JsonRpcLineBuffer(), chunks)).toEqual(readAll(new ReadBuffer(), chunks));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a message split across many chunks, and the rest of the last chunk', () => {
    const buffer = new JsonRpcLineBuffer();
    const text = `${JSON.stringify({ jsonrpc: '2.0', id: 1, result: {} })}\n{"jsonrpc":"2.0",`;
    expect(readAll(buffer, [...Buffer.from(text)].map((b) => Buffer.from([b])))).toEqual([{ jsonrpc: '2.0', id: 1, result: {} }]);
    expect(readAll(buffer, [Buffer.from('"method":"ping","id":2}\n')])).toEqual([{ jsonrpc: '2.0', method: 'ping', id: 2 }]);
  });

  it('refuses an unfinished line past its size limit, forgets it, and reads on', () => {
    const buffer = new JsonRpcLineBuffer({ maxBufferSize: 64 });
    buffer.append(Buffer.alloc(40, 0x61));
    expect(() => buffer.append(Buffer.alloc(40, 0x61))).toThrow(/exceeded maximum size of 64 bytes/);
    expect(readAll(buffer, [Buffer.from('{"jsonrpc":"2.0","method":"x"}\n')])).toEqual([{ jsonrpc: '2.0', method: 'x' }]);
  });

  it('counts only what is unread toward the limit', () => {
    const buffer = new JsonRpcLineBuffer({ maxBufferSize: 64 });
    const one = Buffer.from(`${JSON.stringify({ jsonrpc: '2.0', method: 'x' })}\n`);
    for (let i = 0; i < 20; i++) expect(readAll(buffer, [one])).toHaveLength(1);
  });

  it('throws the SDK’s schema error for a JSON line that is not a message', () => {
    const buffer = new JsonRpcLineBuffer();
    buffer.append(Buffer.from('{"jsonrpc":"2.0","id":1}\n'));
    expect(() => buffer.readMessage()).toThrow();
  });
});
