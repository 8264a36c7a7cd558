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
 * Orders a hook's handlers: by group (`pre`, unordered, `post`) and registration, then honours `before: [plugin]`
 * by pulling a handler forward to just ahead of the first handler it must precede (the others keep their places).
 * A cycle of `before` constraints is broken in group order.
 */
export function orderHandlers(entries: readonly HookEntry[]): HookEntry[] {
  const remaining = [...entries].sort(byGroup);
  if (!remaining.some((e) => e.before.length > 0)) return remaining;
  const ordered: HookEntry[] = [];
  while (remaining.length > 0) {
    const next = firstRunnable(remaining);
    remaining.splice(remaining.indexOf(next), 1);
    ordered.push(next);
  }
  return ordered;
}

/** The earliest handler, or — while something must precede it — the earliest of those, and so on. */
function firstRunnable(remaining: readonly HookEntry[]): HookEntry {
  let candidate = remaining[0] as HookEntry;
  const seen = new Set<HookEntry>([candidate]);
  for (;;) {
    const blocker = remaining.find((a) => a !== candidate && mustPrecede(a, candidate));
    if (blocker === undefined) return candidate;
    if (seen.has(blocker)) return remaining[0] as HookEntry; // a cycle: fall back to group order
    seen.add(blocker);
    candidate = blocker;
  }
}
