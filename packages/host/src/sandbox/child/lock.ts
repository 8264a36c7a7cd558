import { reportDenial } from './denials.js';

/** An error as Node's permission model throws it, so plugins see one kind of denial. */
export function accessDenied(permission: string, target: string, message: string): Error {
  reportDenial({ permission, target });
  return Object.assign(new Error(message), { code: 'ERR_ACCESS_DENIED', permission, resource: target });
}

/** Replaces `target[key]` with `value`, non-writable and non-configurable, so plugin code cannot restore it. */
export function lock(target: object, key: string, value: unknown): void {
  try {
    Object.defineProperty(target, key, { value, writable: false, configurable: false, enumerable: true });
  } catch {
    process.stderr.write(`berth sandbox: could not lock ${key}\n`);
  }
}
