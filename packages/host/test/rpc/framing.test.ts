import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NdjsonMessageReader, parseUntrustedJson, type RefusedFrame } from '@berth/host';

function reader(maxMessageBytes: number) {
  const stream = new PassThrough();
  const messages: unknown[] = [];
  const refused: RefusedFrame[] = [];
  new NdjsonMessageReader(stream, { maxMessageBytes, onRefused: (f) => refused.push(f) }).listen((m) => messages.push(m));
  return { stream, messages, refused };
}

describe('NDJSON framing', () => {
  it('delivers messages split across chunks and several per chunk', () => {
    const r = reader(1024);
    r.stream.write('{"jsonrpc":"2.0","method":"a"}\n{"jsonrpc":"2.0",');
    r.stream.write('"method":"b"}\n');
    expect(r.messages).toEqual([{ jsonrpc: '2.0', method: 'a' }, { jsonrpc: '2.0', method: 'b' }]);
  });

  it('refuses a message as soon as it passes the limit, without buffering the rest, and stops reading', () => {
    const r = reader(1000);
    r.stream.write('{"jsonrpc":"2.0","method":"log","params":"');
    r.stream.write('x'.repeat(2000));
    expect(r.refused).toEqual([{ kind: 'oversized', problem: 'a message of more than 2042 bytes (limit 1000)' }]);
    r.stream.write('"}\n{"jsonrpc":"2.0","method":"after"}\n');
    expect(r.messages).toEqual([]);
  });

  it('drops a malformed line and keeps reading', () => {
    const r = reader(1000);
    r.stream.write('not json\n[1,2]\n{"jsonrpc":"2.0","method":"ok"}\n');
    expect(r.refused.map((f) => f.kind)).toEqual(['malformed', 'malformed']);
    expect(r.refused[0]?.problem).toMatch(/^not JSON/);
    expect(r.refused[1]?.problem).toBe('not a JSON-RPC message object');
    expect(r.messages).toEqual([{ jsonrpc: '2.0', method: 'ok' }]);
  });

  it('drops __proto__, constructor and prototype keys (also \\u-escaped) and reports it', () => {
    const r = reader(10_000);
    r.stream.write('{"jsonrpc":"2.0","method":"m","params":{"__proto__":{"polluted":1},"a":{"constructor":{"prototype":{"p":1}},"b":2},"\\u005f_proto__":{"q":1}}}\n');
    const message = r.messages[0] as { params: Record<string, unknown> };
    expect(message.params).toEqual({ a: { b: 2 } });
    expect(Object.hasOwn(message.params, '__proto__')).toBe(false);
    expect(Object.assign({}, message.params) as Record<string, unknown>).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(r.refused).toEqual([{ kind: 'sanitized', problem: 'dropped __proto__/constructor/prototype keys' }]);
  });

  it('parseUntrustedJson leaves ordinary payloads as JSON.parse would', () => {
    const text = '{"a":[1,{"b":"c"}],"d":null}';
    expect(parseUntrustedJson(text)).toEqual(JSON.parse(text));
  });
});
