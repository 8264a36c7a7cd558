import semver from 'semver';
import { z } from 'zod';

/** The official semantic-versioning pattern (semver.org), without a leading `v`. */
export const SEMVER_PATTERN =
  /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-(?:(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+(?:[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** True when `value` is a strict semantic version (`1.0.0`, `2.1.0-beta.1`; not `1.0` nor `v1.0.0`). */
export function isStrictSemver(value: unknown): value is string {
  return typeof value === 'string' && SEMVER_PATTERN.test(value) && semver.valid(value) !== null;
}

/** True when `value` is a valid semver range (`^1.2.0`, `>=1 <3`, `*`). */
export function isSemverRange(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && semver.validRange(value) !== null;
}

/** The schema of a strict semantic version. */
export const semverSchema = z
  .string()
  .regex(SEMVER_PATTERN)
  .refine(isStrictSemver)
  .describe('A strict semantic version, e.g. "1.0.0" or "2.1.0-beta.1".');

/** The schema of a semver range. */
export const semverRangeSchema = z
  .string()
  .refine(isSemverRange)
  .describe('A semver range, e.g. "^1.2.0" or ">=1.0.0 <3.0.0".');
