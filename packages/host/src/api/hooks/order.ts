import type { HookEntry } from './hook-entry.js';

const RANK = { pre: 0, undefined: 1, post: 2 } as const;

/** `pre` first, then unordered, then `post`; registration order within each group. */
function byGroup(a: HookEntry, b: HookEntry): number {
  return RANK[`${a.order}`] - RANK[`${b.order}`] || a.seq - b.seq;
}

/** True when `a` must run before `b` because `a` names `b`'s plugin in `before`. */
function mustPrecede(a: HookEntry, b: HookEntry): boolean {
  return a.plugin !== b.plugin && a.before.includes(b.plugin);
}

/**
 * Orders a hook's handlers: by group (`pre`, unordered, `post`) and registration, then moves handlers forward to
 * honour `before: [plugin]` (a stable topological sort: among the handlers free to run next, the earliest in
 * group order goes first). A cycle of `before` constraints is broken in group order.
 */
export function orderHandlers(entries: readonly HookEntry[]): HookEntry[] {
  const remaining = [...entries].sort(byGroup);
  if (!remaining.some((e) => e.before.length > 0)) return remaining;
  const ordered: HookEntry[] = [];
  while (remaining.length > 0) {
    const free = remaining.findIndex((b) => !remaining.some((a) => a !== b && mustPrecede(a, b)));
    const [next] = remaining.splice(free === -1 ? 0 : free, 1);
    ordered.push(next as HookEntry);
  }
  return ordered;
}
