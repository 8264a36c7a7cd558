import { get, post } from '../api.js';
import { el, replace, statusLine, table } from '../dom.js';
import { objectFields, readFields, type Field, type FieldSchema } from '../schema-form.js';
import type { ToolView } from '../types.js';
import { messageOf } from './feedback.js';
import { live } from './live.js';
import type { View } from './view.js';

/** Tools: every tool, and a form (from its input schema) to try one. */
export const toolsView: View = (root) => {
  const list = el('div', {});
  const tryOut = el('section', { class: 'card', 'aria-label': 'Try a tool' });
  replace(root, el('h1', {}, 'Tools'), el('p', { class: 'lead' }, 'Every tool the host serves over MCP. Calls go through the same checks, hooks and sandbox as a client\u2019s.'), tryOut, list);
  const open = (tool: ToolView): void => {
    const fields: Field[] = objectFields(tool.inputSchema as FieldSchema);
    const output = el('div', { class: 'result', 'aria-live': 'polite' });
    const form = el(
      'form',
      { 'aria-label': `Call ${tool.id}`, novalidate: true },
      el('h2', {}, 'Call ', el('code', {}, tool.id)),
      el('p', { class: 'hint' }, tool.description),
      ...(fields.length === 0 ? [el('p', { class: 'hint' }, 'This tool takes no arguments.')] : fields.map((f) => f.node)),
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, 'Call')),
      output,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const args = readFields(fields);
      if (args === false) return;
      replace(output, statusLine('Calling\u2026'));
      void post<{ content?: { type: string; text?: string }[]; structuredContent?: unknown; isError?: boolean }>('tools/call', { id: tool.id, args })
        .then((result) => {
          const texts = (result.content ?? []).map((c) => (c.type === 'text' ? (c.text ?? '') : `[${c.type}]`));
          replace(
            output,
            el('h3', {}, result.isError === true ? 'The tool reported an error' : 'Result'),
            el('pre', { class: result.isError === true ? 'output error' : 'output', 'data-testid': 'tool-result' }, texts.join('\n')),
            result.structuredContent !== undefined ? el('pre', { class: 'output' }, JSON.stringify(result.structuredContent, null, 2)) : undefined,
          );
        })
        .catch((error: unknown) => replace(output, statusLine(`The call failed: ${messageOf(error)}`, 'error')));
    });
    replace(tryOut, form);
    (form.querySelector('input, select, textarea, button') as HTMLElement | null)?.focus();
  };
  replace(tryOut, el('p', { class: 'hint' }, 'Choose \u201cTry\u201d on a tool to call it.'));
  return live(
    list,
    'list tools',
    async () => (await get<{ tools: ToolView[] }>('tools')).tools,
    (tools) =>
      table(
        'Tools',
        ['Tool', 'Description', ''],
        tools.map((t) => [el('code', {}, t.id), t.description, el('button', { type: 'button', 'aria-label': `Try ${t.id}`, onclick: () => open(t) }, 'Try')]),
      ),
    (event) => event.type === 'tools:changed',
  );
};
