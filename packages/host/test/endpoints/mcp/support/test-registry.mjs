// The real tool registry (createPluginApi) as the endpoint's tool source, in plain JS so the stdio fixture
// (a built child process) builds it the same way the tests do. Plugin 'guard' holds hooks.tools.
import { PermissionDeniedError } from '@berth/sdk';
import { createPluginApi, toolSourceOf } from '@berth/host';
import { pino } from 'pino';

/** A permission gate granting `grants[plugin]`. */
function gateOf(grants) {
  const check = (plugin, permission) => grants[plugin]?.includes(permission) ?? false;
  return {
    check,
    assert(plugin, permission, target) {
      if (!check(plugin, permission)) throw new PermissionDeniedError(plugin, permission, target);
    },
  };
}

/** A plugin API (hooks, registry) and the registry as a ToolSource. */
export function createTestRegistry(logger = pino({ level: 'silent' })) {
  const api = createPluginApi({ gate: gateOf({ guard: ['hooks.tools'] }), logger, hookTimeoutMs: 2_000 });
  return { api, source: toolSourceOf(api.tools), register: (plugin, definition) => api.tools.register(plugin, definition) };
}
