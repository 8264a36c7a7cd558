import { onHostEvent, type HostEvent } from '../api.js';
import { replace, statusLine, type Child } from '../dom.js';
import { messageOf } from './feedback.js';
import { debounce } from './view.js';

/** Anything but audit records: what the state views redraw on. */
export const notAudit = (event: HostEvent): boolean => event.type !== 'audit';

/**
 * Fills `body` with `render(await load())`, or says what could not be read; draws again (debounced) on each host
 * event `redrawOn` accepts. Returns what stops it.
 */
export function live<T>(body: HTMLElement, what: string, load: () => Promise<T>, render: (data: T) => Child | Child[], redrawOn: (event: HostEvent) => boolean = notAudit): () => void {
  const draw = async (): Promise<void> => {
    try {
      const drawn = render(await load());
      replace(body, ...(Array.isArray(drawn) ? drawn : [drawn]));
    } catch (error) {
      replace(body, statusLine(`Cannot ${what}: ${messageOf(error)}`, 'error'));
    }
  };
  void draw();
  const redraw = debounce(() => void draw());
  const stop = onHostEvent((event) => {
    if (redrawOn(event)) redraw();
  });
  return () => void stop();
}
