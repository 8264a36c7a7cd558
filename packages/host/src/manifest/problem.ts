import type { ManifestProblem } from '@berth/sdk';

/** Where problems are collected while one manifest is checked. */
export interface ProblemSink {
  /** The manifest file. */
  readonly file: string;
  /** Errors found so far. */
  readonly errors: ManifestProblem[];
  /** Warnings found so far. */
  readonly warnings: ManifestProblem[];
}

/** The parts of a problem a rule gives (the file is added by the sink). */
export type ProblemInput = Omit<ManifestProblem, 'file'>;

/** Creates an empty sink for `file`. */
export function createSink(file: string): ProblemSink {
  return { file, errors: [], warnings: [] };
}

/** Records an error. */
export function addError(sink: ProblemSink, problem: ProblemInput): void {
  sink.errors.push({ file: sink.file, ...problem });
}

/** Records a warning. */
export function addWarning(sink: ProblemSink, problem: ProblemInput): void {
  sink.warnings.push({ file: sink.file, ...problem });
}
