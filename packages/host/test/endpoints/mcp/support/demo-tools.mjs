// The "tool plugin" side of the endpoint tests: tools registered in process under plugin 'demo', and a guard.
export const SECRET = 'sk-berth-test-5ecret-do-not-log';

/** Registers demo/echo, demo/slow (records aborts in `observed`) and a guard of plugin 'guard'. */
export function registerDemoTools(source, observed = { aborts: [] }) {
  source.register('demo', {
    name: 'echo',
    description: 'Echoes its text.',
    inputSchema: { type: 'object', properties: { text: { type: 'string' }, token: { type: 'string' } }, required: ['text'], additionalProperties: false },
    handler: ({ text }) => ({ content: [{ type: 'text', text: `echo: ${text}` }] }),
  });
  source.register('demo', {
    name: 'slow',
    description: 'Waits ms milliseconds, reporting progress; notices cancellation.',
    inputSchema: { type: 'object', properties: { ms: { type: 'integer' } }, required: ['ms'] },
    handler: async ({ ms }, { signal, progress }) => {
      progress({ progress: 0, total: 1, message: 'started' });
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
  source.addGuard('guard', (id, args) => (args.text === 'forbidden' ? `the text 'forbidden' may not be sent to ${id}` : undefined));
  return observed;
}
