import { get, post } from '../api.js';
import { badge, el, replace, statusLine } from '../dom.js';
import type { Approval } from '../types.js';
import { act } from './feedback.js';
import { live } from './live.js';
import type { View } from './view.js';

/** Approvals: plugins waiting for grants and new versions asking for more, each permission in plain words. */
export const approvalsView: View = (root) => {
  const status = el('div', { class: 'status', 'aria-live': 'polite' });
  const body = el('div', { class: 'cards' });
  replace(root, el('h1', {}, 'Approvals'), el('p', { class: 'lead' }, 'A plugin runs only with the permissions you approve. Read what each one allows before you approve it.'), status, body);
  return live(body, 'list approvals', () => get<Approval[]>('approvals'), (pending) =>
    pending.length === 0 ? statusLine('Nothing waits for approval.') : pending.map((a) => card(a, status)),
  );
};

function card(a: Approval, status: HTMLElement): HTMLElement {
  const name = encodeURIComponent(a.plugin);
  const title = a.kind === 'plugin'
    ? `${a.plugin}${a.version !== undefined ? ` ${a.version}` : ''} asks for`
    : `${a.plugin}: version ${a.version ?? '?'} (running ${a.running ?? '?'}) asks for more`;
  const approve = (): Promise<unknown> =>
    a.kind === 'plugin'
      ? post(`plugins/${name}/grant`, {})
      : Promise.all(a.permissions.map((p) => post(`plugins/${name}/grant`, { permission: p.grant.permission, ...(p.grant.scope !== undefined ? { scope: p.grant.scope } : {}), force: true })));
  return el(
    'section',
    { class: 'card', 'aria-label': `Approval for ${a.plugin}` },
    el('h2', {}, title),
    el(
      'ul',
      { class: 'permissions' },
      ...a.permissions.map((p) =>
        el(
          'li',
          {},
          el('code', {}, p.label),
          ' ',
          p.risk !== undefined ? badge(`risk: ${p.risk}`, `risk-${p.risk}`) : badge('unknown permission', 'risk-high'),
          p.description !== undefined ? el('p', {}, p.description) : undefined,
          p.unscoped !== undefined ? el('p', { class: 'warning' }, `Unscoped: ${p.unscoped}.`) : undefined,
        ),
      ),
    ),
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'button', class: 'primary', 'aria-label': `Approve ${a.plugin}`, onclick: () => void act(status, `Approve ${a.plugin}`, approve) }, 'Approve'),
      a.kind === 'plugin'
        ? el('button', { type: 'button', 'aria-label': `Deny ${a.plugin}`, onclick: () => void act(status, `Deny ${a.plugin} (disabled)`, () => post(`plugins/${name}/disable`)) }, 'Deny (disable)')
        : el('p', { class: 'hint' }, 'Not approving keeps the running version serving.'),
    ),
  );
}
