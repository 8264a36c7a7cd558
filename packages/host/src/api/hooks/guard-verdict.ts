/** True when a guard's return value lets the call through (`undefined`, `null`, `false`, `{ deny: false }`). */
export function isAllow(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    (typeof value === 'object' && (value as { deny?: unknown }).deny === false)
  );
}

/** The reason of a denying verdict, or why the verdict itself is malformed (which denies too: guards fail closed). */
export function denialReason(value: unknown): string {
  const verdict = value as { deny?: unknown; reason?: unknown };
  if (typeof value === 'object' && verdict.deny === true) {
    return typeof verdict.reason === 'string' && verdict.reason !== '' ? verdict.reason : 'no reason given';
  }
  return `its guard returned an invalid verdict (${JSON.stringify(value) ?? typeof value}); expected undefined or { deny: true, reason }`;
}
