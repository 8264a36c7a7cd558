import { ErrorCodes, ToolInputInvalidError, type ToolDefinition } from '@berth/sdk';
import { describe, expect, it } from 'vitest';
import { sleep, testApi } from '../api/api-fixtures.js';

const add: ToolDefinition = {
  name: 'add',
  description: 'Adds two numbers',
  inputSchema: {
    type: 'object',
    properties: { a: { type: 'number' }, b: { type: 'number' }, mode: { enum: ['int', 'float'] } },
    required: ['a', 'b'],
    additionalProperties: false,
  },
  annotations: { readOnlyHint: true },
  handler: (args) => ({ sum: (args['a'] as number) + (args['b'] as number) }),
};

describe('tool registry: register, list, call', () => {
  it('lists a registered tool under <plugin>/<name> and calls it, wrapping a plain object result', async () => {
    const api = testApi();
    api.tools.register('math', add);
    expect(api.tools.list()).toEqual([
      { id: 'math/add', plugin: 'math', name: 'add', description: 'Adds two numbers', inputSchema: add.inputSchema, annotations: { readOnlyHint: true } },
    ]);
    expect(await api.tools.call('math/add', { a: 2, b: 3 })).toEqual({ content: [{ type: 'text', text: '{"sum":5}' }], structuredContent: { sum: 5 } });
  });

  it('passes a ToolResult through and wraps strings and other values as text', async () => {
    const api = testApi();
    const result = { content: [{ type: 'text' as const, text: 'as is' }], isError: true };
    api.tools.register('p', { name: 'r', description: '', inputSchema: { type: 'object' }, handler: () => result });
    api.tools.register('p', { name: 's', description: '', inputSchema: { type: 'object' }, handler: async () => 'hello' });
    api.tools.register('p', { name: 'n', description: '', inputSchema: { type: 'object' }, handler: () => [1, 2] });
    expect(await api.tools.call('p/r', {})).toBe(result);
    expect(await api.tools.call('p/s', {})).toEqual({ content: [{ type: 'text', text: 'hello' }] });
    expect(await api.tools.call('p/n', {})).toEqual({ content: [{ type: 'text', text: '[1,2]' }] });
  });

  it('refuses invalid arguments before the handler runs, listing each violation', async () => {
    const api = testApi();
    let ran = false;
    api.tools.register('math', { ...add, handler: () => ((ran = true), 0) });
    const error = await api.tools.call('math/add', { a: 'two', mode: 'hex', extra: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolInputInvalidError);
    expect((error as ToolInputInvalidError).code).toBe(ErrorCodes.TOOL_INPUT_INVALID);
    expect((error as ToolInputInvalidError).message).toBe(
      [
        "invalid arguments for tool 'math/add' (plugin 'math'), 4 problem(s):",
        '  /b: is required',
        '  /extra: is not an allowed property',
        '  /a: must be number',
        '  /mode: must be one of ["int","float"]',
      ].join('\n'),
    );
    expect((error as ToolInputInvalidError).violations).toHaveLength(4);
    expect(ran).toBe(false);
  });

  it('accepts draft-07 schemas and refuses a schema that does not compile, naming plugin and tool', () => {
    const api = testApi();
    api.tools.register('p', { name: 'd7', description: '', inputSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' }, handler: () => 1 });
    expect(() => api.tools.register('p', { name: 'bad', description: '', inputSchema: { type: 'nonsense' }, handler: () => 1 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.TOOL_SCHEMA_INVALID, message: expect.stringMatching(/^plugin 'p': tool 'p\/bad' has an invalid inputSchema: /) }),
    );
  });

  it('answers an unknown id with TOOL_NOT_FOUND listing the known ids', async () => {
    const api = testApi();
    api.tools.register('math', add);
    await expect(api.tools.call('math/sub', {})).rejects.toMatchObject({
      code: ErrorCodes.TOOL_NOT_FOUND,
      message: "no tool 'math/sub' is registered (run: berth tools list); known tools: math/add",
    });
  });

  it('wraps a handler error naming tool and plugin, keeping the cause', async () => {
    const api = testApi();
    api.tools.register('p', { name: 'boom', description: '', inputSchema: { type: 'object' }, handler: async () => Promise.reject(new Error('disk full')) });
    const error = await api.tools.call('p/boom', {}).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: ErrorCodes.TOOL_FAILED, message: "tool 'p/boom' of plugin 'p' failed: disk full" });
    expect((error as Error).cause).toEqual(new Error('disk full'));
  });
});

describe('tool registry: time limit, cancellation, progress', () => {
  const slow = (seen: { aborted?: unknown }): ToolDefinition => ({
    name: 'slow',
    description: '',
    inputSchema: { type: 'object' },
    handler: (_args, ctx) =>
      new Promise((resolve) => {
        ctx.signal.addEventListener('abort', () => (seen.aborted = ctx.signal.reason));
        setTimeout(() => resolve('late'), 5_000);
      }),
  });

  it('times out with CallTimeoutError and aborts the handler signal', async () => {
    const api = testApi();
    const seen: { aborted?: unknown } = {};
    api.tools.register('p', slow(seen));
    await expect(api.tools.call('p/slow', {}, { timeoutMs: 30 })).rejects.toMatchObject({
      code: ErrorCodes.CALL_TIMEOUT,
      message: "tool 'p/slow' of plugin 'p' did not finish within 30 ms",
    });
    expect(seen.aborted).toMatchObject({ code: ErrorCodes.CALL_TIMEOUT });
  });

  it("cancels with CallCancelledError when the caller's signal aborts, before or during the call", async () => {
    const api = testApi();
    const seen: { aborted?: unknown } = {};
    api.tools.register('p', slow(seen));
    const controller = new AbortController();
    const pending = api.tools.call('p/slow', {}, { signal: controller.signal });
    await sleep(5);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: ErrorCodes.CALL_CANCELLED, message: "tool 'p/slow' of plugin 'p' was cancelled by the caller" });
    expect(seen.aborted).toMatchObject({ code: ErrorCodes.CALL_CANCELLED });
    await expect(api.tools.call('p/slow', {}, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: ErrorCodes.CALL_CANCELLED });
  });

  it('forwards progress reports to onProgress', async () => {
    const api = testApi();
    api.tools.register('p', {
      name: 'prog',
      description: '',
      inputSchema: { type: 'object' },
      handler: async (_a, ctx) => (ctx.progress({ progress: 1, total: 2 }), ctx.progress({ progress: 2, total: 2, message: 'done' }), 'ok'),
    });
    const updates: unknown[] = [];
    await api.tools.call('p/prog', {}, { onProgress: (u) => void updates.push(u) });
    expect(updates).toEqual([{ progress: 1, total: 2 }, { progress: 2, total: 2, message: 'done' }]);
  });
});

describe('tool registry: hooks around a call', () => {
  it('a guard denies a call, naming the guard plugin and its reason', async () => {
    const api = testApi({ policy: ['hooks.tools'] });
    api.tools.register('math', add);
    api.hooks.on('policy', 'tool:beforeCall', (call) => (call.tool === 'math/add' ? { deny: true, reason: 'adding is not allowed here' } : undefined));
    await expect(api.tools.call('math/add', { a: 1, b: 2 })).rejects.toMatchObject({
      code: ErrorCodes.TOOL_DENIED,
      message: "call to tool 'math/add' denied by the guard of plugin 'policy': adding is not allowed here",
    });
  });

  it('guards see the validated arguments; tool:afterCall may rewrite the result', async () => {
    const api = testApi({ policy: ['hooks.tools'] });
    api.tools.register('math', add);
    const seen: unknown[] = [];
    api.hooks.on('policy', 'tool:beforeCall', (call) => void seen.push(call));
    api.hooks.on('policy', 'tool:afterCall', (call) => ({ ...call.result, content: [{ type: 'text', text: 'redacted' }] }));
    expect(await api.tools.call('math/add', { a: 1, b: 2 })).toEqual({ content: [{ type: 'text', text: 'redacted' }], structuredContent: { sum: 3 } });
    expect(seen).toEqual([{ tool: 'math/add', plugin: 'math', args: { a: 1, b: 2 } }]);
  });
});
