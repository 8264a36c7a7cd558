/** A view draws itself into `root` and returns what stops it (listeners, timers). */
export type View = (root: HTMLElement) => (() => void) | void;

/** Calls `run` at most once per `ms` (the last call wins), for refreshes driven by bursts of events. */
export function debounce(run: () => void, ms = 150): () => void {
  let timer: number | undefined;
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = window.setTimeout(run, ms);
  };
}
