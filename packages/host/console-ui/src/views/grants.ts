import { get, post } from '../api.js';
import { el, replace, table } from '../dom.js';
import { grantLabel as label } from '../grant-label.js';
import type { PermissionsView } from '../types.js';
import { act } from './feedback.js';
import { live } from './live.js';
import type { View } from './view.js';


/** Grants: what each plugin may do now, each revocable. */
export const grantsView: View = (root) => {
  const status = el('div', { class: 'status', 'aria-live': 'polite' });
  const body = el('div', {});
  replace(root, el('h1', {}, 'Grants'), el('p', { class: 'lead' }, 'Permissions in force. Revoking one stops a running plugin that needs it until you approve it again.'), status, body);
  return live(
    body,
    'list grants',
    async () => (await get<PermissionsView[]>('permissions')).filter((p) => p.requested.length > 0 || p.granted.length > 0),
    (all) =>
      table(
        'Grants',
        ['Plugin', 'Granted', 'Requested, not granted'],
        all.map((p) => [
          el('strong', {}, p.plugin, p.coreDefault ? el('span', { class: 'hint' }, ' (core default)') : undefined),
          p.granted.length === 0
            ? 'nothing'
            : el(
                'ul',
                { class: 'grants' },
                ...p.granted.map((g) =>
                  el(
                    'li',
                    {},
                    el('code', {}, label(g)),
                    ' ',
                    el('button', { type: 'button', 'aria-label': `Revoke ${label(g)} from ${p.plugin}`, onclick: () => void act(status, `Revoke ${g.permission} from ${p.plugin}`, () => post(`plugins/${encodeURIComponent(p.plugin)}/revoke`, { permission: g.permission })) }, 'Revoke'),
                  ),
                ),
              ),
          p.missing.length === 0 ? '\u2014' : p.missing.map(label).join(', '),
        ]),
      )  );
};
