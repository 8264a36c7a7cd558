/** Declarations of newcomer-flow.js (plain JavaScript, shared with bench/author-kit.bench.js). */
export interface NewcomerCase {
  readonly tool: string;
  readonly args: Readonly<Record<string, string>>;
  readonly before: string;
  readonly after: string;
  readonly file: string;
  readonly from: string;
  readonly to: string;
}
export declare const NEWCOMER_CASES: Readonly<Record<'tool' | 'provider' | 'mcp', NewcomerCase>>;
export declare function newcomerEnv(extra?: Readonly<Record<string, string>>): Record<string, string | undefined>;
export interface NewcomerOutcome {
  readonly type: string;
  readonly times: Readonly<Record<string, number>>;
  readonly first: string;
  readonly second: string;
  readonly dir: string;
  output(): string;
}
export declare function runNewcomer(type: 'tool' | 'provider' | 'mcp', options?: { readonly keep?: boolean }): Promise<NewcomerOutcome>;
