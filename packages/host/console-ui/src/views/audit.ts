import { get, onHostEvent } from '../api.js';
import { badge, el, replace, statusLine, table } from '../dom.js';
import type { AuditRecord, PluginInfo } from '../types.js';
import { messageOf } from './feedback.js';
import type { View } from './view.js';

/** Audit: every permission decision, filtered by plugin and decision; new ones appear as they are taken. */
export const auditView: View = (root) => {
  const plugin = el('select', { id: 'audit-plugin', name: 'plugin' }, el('option', { value: '' }, 'every plugin'));
  const decision = el('select', { id: 'audit-decision', name: 'decision' }, el('option', { value: '' }, 'allowed and denied'), el('option', { value: 'denied' }, 'denied only'));
  const body = el('div', {});
  let records: AuditRecord[] = [];
  replace(
    root,
    el('h1', {}, 'Audit'),
    el('p', { class: 'lead' }, 'What each plugin was allowed and refused. New decisions appear live.'),
    el('div', { class: 'toolbar' }, el('label', { for: 'audit-plugin' }, 'Plugin'), plugin, el('label', { for: 'audit-decision' }, 'Decision'), decision),
    body,
  );
  const matches = (r: AuditRecord): boolean => (plugin.value === '' || r.plugin === plugin.value) && (decision.value === '' || !r.allowed);
  const draw = (): void => {
    if (records.length === 0) return replace(body, statusLine('No decisions recorded.'));
    replace(
      body,
      table(
        'Audit records',
        ['Time', 'Plugin', 'Permission', 'Target', 'Decision', 'Source', 'Detail'],
        [...records].reverse().map((r) => [
          new Date(r.time).toLocaleTimeString(),
          r.plugin,
          el('code', {}, r.permission),
          r.target ?? '',
          r.allowed ? badge('allowed') : badge('denied'),
          r.source ?? '',
          r.detail ?? '',
        ]),
      ),
    );
    body.querySelector('table')?.setAttribute('data-testid', 'audit-table');
  };
  const load = async (): Promise<void> => {
    const query = new URLSearchParams({ ...(plugin.value !== '' ? { plugin: plugin.value } : {}), ...(decision.value !== '' ? { decision: decision.value } : {}), limit: '300' });
    try {
      records = await get<AuditRecord[]>(`audit?${query.toString()}`);
      draw();
    } catch (error) {
      replace(body, statusLine(`Cannot read the audit log: ${messageOf(error)}`, 'error'));
    }
  };
  plugin.addEventListener('change', () => void load());
  decision.addEventListener('change', () => void load());
  void (async () => {
    for (const p of await get<PluginInfo[]>('plugins')) plugin.appendChild(el('option', { value: p.name }, p.name));
    await load();
  })();
  return onHostEvent((event) => {
    if (event.type !== 'audit') return;
    const record = event['record'] as AuditRecord;
    if (!matches(record)) return;
    records.push(record);
    if (records.length > 300) records.shift();
    draw();
  });
};
