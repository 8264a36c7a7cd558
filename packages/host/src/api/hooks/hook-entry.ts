/** A registered hook handler, as the engine stores it. */
export interface HookEntry {
  /** The plugin that registered it (`host` for the host's own handlers). */
  readonly plugin: string;
  /** The handler (payload in, result or promise of it out). */
  readonly handler: (payload: never) => unknown;
  /** `pre`, `post`, or unordered. */
  readonly order: 'pre' | 'post' | undefined;
  /** Plugins whose handlers this one must precede. */
  readonly before: readonly string[];
  /** This handler's time limit in milliseconds. */
  readonly timeoutMs: number;
  /** Registration sequence number: the tie-breaker that keeps ordering stable. */
  readonly seq: number;
}
