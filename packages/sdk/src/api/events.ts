import type { JsonValue } from '../json.js';

/** `context.events`: a typed emitter. Plugin events are namespaced `<plugin>:<event>`. */
export interface EventsApi {
  /** Subscribes; returns the unsubscribe function. A listener's error never reaches the emitter. */
  on(event: string, listener: (payload: JsonValue) => void | Promise<void>): () => void;
  /** Emits `<this plugin>:<event>`. */
  emit(event: string, payload?: JsonValue): void;
}
