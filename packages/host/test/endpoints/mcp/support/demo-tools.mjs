// The "tool plugin" side of the endpoint tests: tools registered in process under plugin 'demo', and a guard.
export const SECRET = 'sk-berth-test-5ecret-do-not-log';

/** Registers demo/echo, demo/slow (records aborts in `observed`) and a guard of plugin 'guard' on a test registry. */
export function registerDemoTools(registry, observed = { aborts: [] }) {
  registry.register('demo', {
    name: 'echo',
    description: 'Echoes its text.',
    inputSchema: { type: 'object', properties: { text: { type: 'string' }, token: { type: 'string' } }, required: ['text'], additionalProperties: false },
    handler: ({ text }) => ({ content: [{ type: 'text', text: `echo: ${text}` }] }),
  });
  registry.register('demo', {
    name: 'slow',
    description: 'Waits ms milliseconds, reporting progress; notices cancellation.',
    inputSchema: { type: 'object', properties: { ms: { type: 'integer' } }, required: ['ms'] },
    handler: async ({ ms }, context) => {
      const { signal } = context;
      context.progress({ progress: 0, total: 1, message: 'started' });
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        signal.addEventListener('abort', () => {
          observed.aborts.push({ ms, reason: String(signal.reason) });
          clearTimeout(timer);
          resolve();
        }, { once: true });
      });
      return { content: [{ type: 'text', text: signal.aborted ? 'aborted' : `slept ${ms} ms` }] };
    },
  });
  registry.api.hooks.on('guard', 'tool:beforeCall', (call) =>
    call.args.text === 'forbidden' ? { deny: true, reason: `the text 'forbidden' may not be sent to ${call.tool}` } : undefined,
  );
  return observed;
}
