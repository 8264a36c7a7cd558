import { definePlugin } from '@berth/sdk';
// Written from plugin.json by `berth types` (the build runs it): the context offers only what plugin.json declares.
import type { Manifest } from './manifest.js';

export default definePlugin<Manifest>({
  initialize(ctx) {
    ctx.tools.register({
      name: 'greet',
      description: 'Greets someone by name.',
      inputSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
      handler: async (args) => `${ctx.config.get('greeting')}, ${String(args['name'])}!`,
    });
  },
});
