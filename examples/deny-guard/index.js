// A guard: sees every tool call before it runs (permission `hooks.tools`) and denies the ones named in its
// settings. Guards fail closed: if this handler threw or hung, the call would be denied too.
import { definePlugin } from '@berth/sdk';

export default definePlugin({
  initialize(context) {
    const denied = new Set(context.config.get('deny') ?? []);
    const reason = context.config.get('reason') ?? 'denied by deny-guard';
    context.hooks.on(
      'tool:beforeCall',
      (call) => (denied.has(call.tool) ? { deny: true, reason } : undefined),
      { order: 'pre', timeoutMs: 1000 },
    );
  },
});
