import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseJSONRPCMessage } from '@modelcontextprotocol/client';
import { checkJsonRpcMessage } from '../../../src/mcp/wire/message-check.js';

/** What the SDK's own parse makes of `value`: the message, or the fact that it threw. */
function sdkVerdict(value: unknown): { ok: true; message: unknown } | { ok: false } {
  try {
    return { ok: true, message: parseJSONRPCMessage(value) };
  } catch {
    return { ok: false };
  }
}

function ourVerdict(value: unknown): { ok: true; message: unknown } | { ok: false } {
  try {
    return { ok: true, message: checkJsonRpcMessage(value) };
  } catch {
    return { ok: false };
  }
}

const id = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.double(), fc.constant(null));
const json = fc.jsonValue({ maxDepth: 3 });
const meta = fc.oneof(
  fc.constant(undefined),
  fc.dictionary(fc.constantFrom('progressToken', 'io.modelcontextprotocol/serverInfo', 'io.modelcontextprotocol/related-task', 'x'), json, { maxKeys: 2 }),
);
const holder = fc.oneof(json, meta.map((m) => (m === undefined ? {} : { _meta: m, a: 1 })));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Values shaped like JSON-RPC messages, right and wrong: the keys of each kind, mixed, with any values. */
const messageLike = fc
  .record(
    {
      jsonrpc: maybe(fc.constantFrom('2.0', '1.0', 2)),
      id: maybe(id),
      method: maybe(fc.oneof(fc.constantFrom('tools/call', 'notifications/progress'), fc.integer())),
      params: maybe(holder),
      result: maybe(holder),
      error: maybe(fc.oneof(json, fc.record({ code: fc.oneof(fc.integer(), fc.double()), message: fc.oneof(fc.string(), fc.integer()), data: maybe(json), extra: maybe(json) }, { requiredKeys: ['code', 'message'] }))),
      other: maybe(json),
    },
    { requiredKeys: [] },
  )
  .map((record) => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)));

describe('checkJsonRpcMessage', () => {
  it('gives the SDK parse’s verdict and message for anything shaped like a JSON-RPC message', () => {
    fc.assert(
      fc.property(fc.oneof(messageLike, json), (value) => {
        const copy = structuredClone(value);
        const ours = ourVerdict(copy);
        const sdk = sdkVerdict(structuredClone(value));
        expect(ours.ok).toBe(sdk.ok);
        if (ours.ok && sdk.ok) expect(ours.message).toEqual(sdk.message);
      }),
      { numRuns: 3000 },
    );
  });

  it('passes a well-formed result through as the same object (no copy)', () => {
    const message = { jsonrpc: '2.0', id: 7, result: { content: [{ type: 'text', text: 'hi' }] } };
    expect(checkJsonRpcMessage(message)).toBe(message);
  });

  it('sends what the SDK’s parse would rewrite through the SDK’s parse', () => {
    const message = { jsonrpc: '2.0', id: 1, error: { code: 1, message: 'no', extra: 'dropped by the SDK' } };
    expect(checkJsonRpcMessage(message)).toEqual({ jsonrpc: '2.0', id: 1, error: { code: 1, message: 'no' } });
    const withInfo = { jsonrpc: '2.0', id: 1, result: { _meta: { 'io.modelcontextprotocol/serverInfo': 'not an implementation' } } };
    expect(checkJsonRpcMessage(withInfo)).toEqual(parseJSONRPCMessage(structuredClone(withInfo)));
  });

  it('throws the SDK’s error for JSON that is not a message', () => {
    expect(() => checkJsonRpcMessage({ jsonrpc: '2.0', id: 1 })).toThrow();
    expect(() => checkJsonRpcMessage([1, 2])).toThrow();
    expect(() => checkJsonRpcMessage({ jsonrpc: '2.0', method: 'x', id: 1, extra: true })).toThrow();
  });
});
