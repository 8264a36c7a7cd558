import type { ProblemSink } from '../problem.js';

/** What a rule sees: the manifest as parsed JSON (not yet validated), where to report, and how to claim paths. */
export interface RuleContext {
  /** The manifest object, exactly as parsed. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** Where problems go. */
  readonly sink: ProblemSink;
  /** Claims a JSON pointer: schema problems at or below it are dropped in favour of the rule's own. */
  own(pointer: string): void;
}

/** A validation rule: checks one concern of the manifest and reports problems. Never throws for any input. */
export type ManifestRule = (context: RuleContext) => void;
