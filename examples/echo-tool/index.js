// A tool plugin: registers `echo-tool/echo`. The host validates the arguments against `inputSchema` before the
// handler runs, so the handler can trust their shape.
import { definePlugin } from '@berth/sdk';

export default definePlugin({
  initialize(context) {
    context.tools.register({
      name: 'echo',
      description: 'Sends the text back, repeated `times` times (default 1).',
      inputSchema: {
        type: 'object',
        properties: {
          text: { type: 'string', minLength: 1, description: 'What to send back.' },
          times: { type: 'integer', minimum: 1, maximum: 10, description: 'How many times.' },
        },
        required: ['text'],
        additionalProperties: false,
      },
      annotations: { title: 'Echo', readOnlyHint: true, idempotentHint: true, openWorldHint: false },
      handler: async ({ text, times = 1 }) => ({
        content: [{ type: 'text', text: Array.from({ length: times }, () => text).join(' ') }],
        structuredContent: { text, times },
      }),
    });
    context.logger.info('echo tool registered');
  },
});
