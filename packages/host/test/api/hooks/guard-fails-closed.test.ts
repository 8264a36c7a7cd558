import { ErrorCodes, ToolDeniedError } from '@berth/sdk';
import { describe, expect, it } from 'vitest';
import { testApi } from '../api-fixtures.js';

const echo = { name: 'echo', description: 'echo', inputSchema: { type: 'object' }, handler: () => 'ran' };

describe('a guard fails closed', () => {
  it('a guard that throws denies the call, naming the guard plugin; the handler never runs', async () => {
    const api = testApi({ guard: ['hooks.tools'] });
    let ran = false;
    api.tools.register('tools', { ...echo, handler: () => ((ran = true), 'ran') });
    api.hooks.on('guard', 'tool:beforeCall', () => {
      throw new Error('policy file unreadable');
    });
    const error = await api.tools.call('tools/echo', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolDeniedError);
    expect((error as ToolDeniedError).code).toBe(ErrorCodes.TOOL_DENIED);
    expect((error as ToolDeniedError).message).toBe(
      "call to tool 'tools/echo' denied by the guard of plugin 'guard': its guard failed (policy file unreadable), so the call is denied",
    );
    expect(ran).toBe(false);
  });

  it('a guard that times out denies the call too', async () => {
    const api = testApi({ guard: ['hooks.tools'] });
    api.tools.register('tools', echo);
    api.hooks.on('guard', 'tool:beforeCall', () => new Promise<undefined>(() => {}), { timeoutMs: 20 });
    await expect(api.tools.call('tools/echo', {})).rejects.toMatchObject({
      code: ErrorCodes.TOOL_DENIED,
      message: "call to tool 'tools/echo' denied by the guard of plugin 'guard': its guard failed (the 'tool:beforeCall' handler of plugin 'guard' did not finish within 20 ms), so the call is denied",
    });
  });
});
