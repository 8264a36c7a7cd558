import { InvalidArgumentError } from 'commander';

/** A commander parser for a whole number ≥ `min` (an invalid value is a usage error, exit code 2). */
export function wholeNumber(min = 0): (value: string) => number {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}, got '${value}'`);
    return n;
  };
}
