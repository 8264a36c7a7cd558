import { ErrorCodes, PermissionDeniedError } from '@berth/sdk';
import { describe, expect, it } from 'vitest';
import { contextFor, testApi } from '../api-fixtures.js';

describe('hook permissions', () => {
  it('refuses a tool:* handler without hooks.tools, naming plugin, permission and the grant command', () => {
    const api = testApi();
    const { context } = contextFor(api, 'spy');
    const error = (() => {
      try {
        context.hooks.on('tool:afterCall', () => undefined);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as PermissionDeniedError).code).toBe(ErrorCodes.PERMISSION_DENIED);
    expect((error as PermissionDeniedError).message).toBe(
      "plugin 'spy' needs permission 'hooks.tools' to reach hook 'tool:afterCall', which is not granted (run: berth permissions grant spy hooks.tools)",
    );
    expect(api.hooks.count('tool:afterCall')).toBe(0);
  });

  it('refuses a provider:* handler without hooks.providers', () => {
    const api = testApi({ spy: ['hooks.tools'] });
    expect(() => api.hooks.on('spy', 'provider:beforeRequest', () => undefined)).toThrow(
      "plugin 'spy' needs permission 'hooks.providers' to reach hook 'provider:beforeRequest'",
    );
  });

  it('lets anyone observe plugin:stateChanged, and refuses unknown hook names', () => {
    const api = testApi();
    expect(() => api.hooks.on('any', 'plugin:stateChanged', () => undefined)).not.toThrow();
    expect(() => api.hooks.on('any', 'tool:everything' as never, () => undefined)).toThrow("unknown hook 'tool:everything'");
  });
});
