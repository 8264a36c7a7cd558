import { grantLabel, grantWording, type SavedGrant } from '@berth/host/control';

export { grantLabel };

/** A grant with what it allows and its risk, for approval prompts (the wording is the host's, shared with the web console). */
export function describeGrant(grant: SavedGrant): string {
  const wording = grantWording(grant);
  if (wording.risk === undefined) return `  - ${wording.label}`;
  const unscoped = wording.unscoped !== undefined ? ` Unscoped: ${wording.unscoped}.` : '';
  return `  - ${wording.label} [risk: ${wording.risk}]\n      ${wording.description ?? ''}${unscoped}${wording.note !== undefined ? ` ${wording.note}` : ''}`;
}
