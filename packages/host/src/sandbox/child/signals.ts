import type { JsonValue } from '@berth/sdk';

/** Arguments split into data that can cross the channel and the `AbortSignal` one of them carried. */
export interface SplitArgs {
  /** The arguments as JSON (functions and signals dropped). */
  readonly args: JsonValue[];
  /** The signal found in an options argument, if any. */
  readonly signal?: AbortSignal;
  /** The index of that argument. */
  readonly signalArg?: number;
}

/** JSON copy of a value (`undefined` becomes `null`); functions and signals are dropped as JSON drops them. */
export function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (v instanceof AbortSignal ? undefined : v)) ?? 'null') as JsonValue;
}

/** Splits call arguments: data to send, and the one `signal` an options object may carry. */
export function splitSignal(args: readonly unknown[]): SplitArgs {
  let signal: AbortSignal | undefined;
  let signalArg: number | undefined;
  args.forEach((arg, index) => {
    const candidate = (arg as { signal?: unknown } | null)?.signal;
    if (signal === undefined && typeof arg === 'object' && candidate instanceof AbortSignal) {
      signal = candidate;
      signalArg = index;
    }
  });
  return {
    args: args.map(toJson),
    ...(signal !== undefined ? { signal } : {}),
    ...(signalArg !== undefined ? { signalArg } : {}),
  };
}

/** Puts a signal back into the options argument it was taken from. */
export function joinSignal(args: readonly JsonValue[], signal: AbortSignal, signalArg: number | undefined): unknown[] {
  const copy: unknown[] = [...args];
  if (signalArg !== undefined && signalArg >= 0 && signalArg < copy.length) {
    const options = copy[signalArg];
    copy[signalArg] = { ...(typeof options === 'object' && options !== null ? options : {}), signal };
  }
  return copy;
}
