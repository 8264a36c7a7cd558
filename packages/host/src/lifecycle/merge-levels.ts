/**
 * The load order after new plugins were resolved: `fresh` (the levels of a new resolution, which holds every
 * plugin found now) followed by the names of `previous` it lacks (plugins whose folder went away stay stoppable).
 */
export function mergeLevels(fresh: readonly (readonly string[])[], previous: readonly (readonly string[])[]): (readonly string[])[] {
  const known = new Set(fresh.flat());
  const rest = previous.flat().filter((name) => !known.has(name));
  return rest.length > 0 ? [...fresh, rest] : [...fresh];
}
