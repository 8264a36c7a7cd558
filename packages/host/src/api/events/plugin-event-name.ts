import { EventNameInvalidError } from '@berth/sdk';

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** Host event names a plugin may never produce, even as `<plugin>:<event>` (e.g. a plugin named `config`). */
const RESERVED = new Set(['plugin:stateChanged', 'contribution:added', 'contribution:removed', 'config:changed', 'service:unavailable', 'plugin:reloaded']);

/**
 * The full name of `plugin`'s event `event`: `<plugin>:<event>`. Throws `EventNameInvalidError` for a malformed
 * name (one with a colon, a space, …) and for one that would shadow a host event.
 */
export function pluginEventName(plugin: string, event: string): string {
  if (typeof event !== 'string' || !NAME.test(event)) {
    throw new EventNameInvalidError(plugin, String(event), 'an event name is 1 to 64 characters from A-Z a-z 0-9 _ . -');
  }
  const full = `${plugin}:${event}`;
  if (RESERVED.has(full)) throw new EventNameInvalidError(plugin, event, `'${full}' is a host event`);
  return full;
}
