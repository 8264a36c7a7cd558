import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/** One problem in a `plugin.json`: where it is, what was found, what was expected and how to fix it. */
export interface ManifestProblem {
  /** The manifest file, as the caller named it (e.g. `examples/x/plugin.json`). */
  readonly file: string;
  /** A JSON pointer to the offending value (`/version`, `/permissions/0`); empty for the whole document. */
  readonly path: string;
  /** What is wrong, e.g. `"1.0" is not a semantic version`. */
  readonly message: string;
  /** What was found, as short JSON text, when there is a value. */
  readonly found?: string;
  /** What was expected, e.g. `e.g. "1.0.0"`. */
  readonly expected?: string;
  /** How to fix it, one sentence. */
  readonly hint: string;
  /** The error code this problem belongs to (`BERTH_MANIFEST_INVALID` unless more specific). */
  readonly code?: string;
}

/** One problem as a line: `file: /path: message (expected …)`. */
export function formatManifestProblem(problem: ManifestProblem): string {
  const expected = problem.expected !== undefined ? ` (expected ${problem.expected})` : '';
  return `${problem.file}: ${problem.path === '' ? '/' : problem.path}: ${problem.message}${expected}`;
}

/** Several problems as a message: a summary line, then one line per problem with its fix. */
function listProblems(file: string, problems: readonly ManifestProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((p) => `  - ${formatManifestProblem(p)}; fix: ${p.hint}`);
  return [`${file} is not a valid plugin manifest (${count}):`, ...lines].join('\n');
}

/** A `plugin.json` failed validation. {@link ManifestInvalidError.problems} lists every problem at once. */
export class ManifestInvalidError extends BerthError {
  /** Every problem found. */
  readonly problems: readonly ManifestProblem[];

  /**
   * @param file - the manifest file
   * @param problems - every problem found (at least one)
   * @param plugin - the plugin's name, when the manifest names one
   */
  constructor(file: string, problems: readonly ManifestProblem[], plugin?: string) {
    super(ErrorCodes.MANIFEST_INVALID, listProblems(file, problems), {
      file,
      ...(plugin !== undefined ? { plugin } : {}),
      ...(problems[0] !== undefined ? { path: problems[0].path, hint: problems[0].hint } : {}),
      problems: problems.map((p) => ({ ...p })),
    });
    this.problems = problems;
  }
}

/** A `plugin.json` is not valid JSON; the message gives the line and column. */
export class ManifestJsonError extends BerthError {
  /**
   * @param file - the manifest file
   * @param line - 1-based line of the error
   * @param column - 1-based column of the error
   * @param reason - the parser's explanation
   */
  constructor(file: string, line: number, column: number, reason: string) {
    super(
      ErrorCodes.MANIFEST_JSON,
      `${file}:${line}:${column}: not valid JSON: ${reason}; fix: correct the JSON syntax at line ${line}, column ${column}`,
      { file, line, column, hint: `correct the JSON syntax at line ${line}, column ${column}` },
    );
  }
}

/** A `plugin.json` could not be read (missing, a folder, no permission). */
export class ManifestUnreadableError extends BerthError {
  /**
   * @param file - the manifest file
   * @param reason - why it could not be read (e.g. the system error code)
   * @param cause - the underlying error
   */
  constructor(file: string, reason: string, cause?: unknown) {
    super(
      ErrorCodes.MANIFEST_UNREADABLE,
      `${file}: cannot read the plugin manifest: ${reason}; fix: make sure the plugin folder holds a readable plugin.json`,
      { file, hint: 'make sure the plugin folder holds a readable plugin.json' },
      cause !== undefined ? { cause } : undefined,
    );
  }
}

/** A manifest's `main` is missing, not a file, absolute, or escapes the plugin folder. */
export class MainMissingError extends BerthError {
  /** Every `main` problem (usually one). */
  readonly problems: readonly ManifestProblem[];

  /**
   * @param file - the manifest file
   * @param problems - the `main` problems
   * @param plugin - the plugin's name
   */
  constructor(file: string, problems: readonly ManifestProblem[], plugin?: string) {
    super(ErrorCodes.MAIN_MISSING, listProblems(file, problems), {
      file,
      path: '/main',
      ...(plugin !== undefined ? { plugin } : {}),
      ...(problems[0] !== undefined ? { hint: problems[0].hint } : {}),
      problems: problems.map((p) => ({ ...p })),
    });
    this.problems = problems;
  }
}
