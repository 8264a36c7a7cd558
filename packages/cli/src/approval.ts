import type { SavedGrant } from '@berth/host';
import { plainGrant } from './permission-text.js';

/** What an approval prompt shows besides the grants: the folders every plugin has anyway. */
export interface ApprovalFacts {
  /** The plugin's name. */
  readonly name: string;
  /** The version being approved. */
  readonly version: string;
  /** Its installed tree, readable only. */
  readonly pluginDir: string;
  /** Its data folder, its only writable place unless granted more. */
  readonly dataDir: string;
  /** `--yes` was given. */
  readonly yes: boolean;
  /** Berth's own folders (see `berthFolders`): a granted path containing one is called out. */
  readonly berthFolders?: readonly string[];
}

/**
 * A plain-words warning for each granted path that reaches Berth's own folders (`berth mcp add fs … -- ~`): what
 * is in there, that the sandbox hides it (or refuses to start without bubblewrap), and the fix.
 */
export async function berthFolderWarnings(facts: ApprovalFacts, grants: readonly SavedGrant[]): Promise<string[]> {
  const { berthFolderOverlap } = await import('@berth/host');
  const own = { pluginDir: facts.pluginDir, pluginData: facts.dataDir };
  const paths = [...new Set(grants.filter((g) => g.permission.startsWith('filesystem.')).flatMap((g) => g.scope ?? []))];
  return paths.flatMap((granted) => {
    const overlap = berthFolderOverlap(granted, facts.berthFolders ?? [], own);
    if (overlap === undefined) return [];
    return [
      `  WARNING: ${granted} contains Berth's own folder ${overlap.folder} (its configuration, secrets, other plugins' data and the control token).`,
      `      The sandbox hides that folder from '${facts.name}' under bubblewrap; without bubblewrap '${facts.name}' will not start. Better: give it a narrower folder.`,
    ];
  });
}

/** Asks on the terminal; without one the answer is no. */
export async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** The lines of an approval: always-on folders, then each grant in plain words. */
export function approvalLines(facts: ApprovalFacts, grants: readonly SavedGrant[]): string[] {
  return [
    `'${facts.name}' ${facts.version} will run sandboxed. It may:`,
    `  - read its own installed files, read-only (${facts.pluginDir})`,
    `  - write in its data folder (${facts.dataDir})`,
    ...grants.map((g) => `  - ${plainGrant(g)}`),
    ...(grants.length === 0 ? ['  and nothing else: no other files, no network, no programs, no environment variables.'] : ['  and nothing else.']),
  ];
}

/**
 * Shows every grant in plain words and asks. `--yes` is for non-interactive use (scripts, CI): it approves and
 * prints every grant it approved; on a terminal the user is asked even with `--yes`.
 */
export async function approve(facts: ApprovalFacts, grants: readonly SavedGrant[]): Promise<boolean> {
  process.stderr.write(`${[...approvalLines(facts, grants), ...(await berthFolderWarnings(facts, grants))].join('\n')}\n`);
  if (facts.yes && !process.stdin.isTTY) {
    process.stderr.write(`approved with --yes (non-interactive): ${grants.length} grant${grants.length === 1 ? '' : 's'} as listed above\n`);
    return true;
  }
  if (facts.yes) process.stderr.write('(--yes is for non-interactive use; on a terminal, answer the question)\n');
  return confirm('Approve?');
}
