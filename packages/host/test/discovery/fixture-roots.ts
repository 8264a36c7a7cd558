import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiscoveryRoot } from '@berth/host';

/** The folder holding the root fixtures (`project`, `user`, `core`, `extra-a`, `extra-b`). */
export const FIXTURE_ROOTS = fileURLToPath(new URL('../fixtures/roots/', import.meta.url));

/** A fixture path: `at('user', 'shared')` → `<fixtures>/roots/user/shared`. */
export function at(...parts: string[]): string {
  return path.join(FIXTURE_ROOTS, ...parts);
}

/** All five fixture roots in precedence order. */
export const ALL_ROOTS: readonly DiscoveryRoot[] = [
  { kind: 'project', dir: at('project') },
  { kind: 'user', dir: at('user') },
  { kind: 'core', dir: at('core') },
  { kind: 'extra', dir: at('extra-a') },
  { kind: 'extra', dir: at('extra-b') },
];
