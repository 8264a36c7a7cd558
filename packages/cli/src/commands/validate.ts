import type { Command } from 'commander';
import { formatManifestProblem } from '@berth/sdk/errors';
import type { ManifestProblem } from '@berth/sdk';
import { ExitCode } from '../exit-codes.js';
import { printJson } from '../output.js';

/** One folder's report. */
interface FolderReport {
  readonly dir: string;
  readonly ok: boolean;
  readonly name?: string;
  readonly errors: readonly ManifestProblem[];
  readonly warnings: readonly ManifestProblem[];
}

async function report(dir: string): Promise<FolderReport> {
  // The folder as the user typed it, so the report names files the way they do (examples/x/plugin.json).
  const { confinementProblem, loadManifest, mcpServerConfinement, programScopeWarnings } = await import('@berth/host');
  const result = await loadManifest(dir);
  if (result.ok) {
    // Whether an mcp plugin's server can be sandboxed, said in plain words (a native command needs process.unconfined).
    const found = confinementProblem(mcpServerConfinement(result.manifest, result.dir), result.file);
    const errors = found?.level === 'error' ? [found.problem] : [];
    const warnings = [...result.warnings, ...(found?.level === 'warning' ? [found.problem] : []), ...programScopeWarnings(result.manifest, result.file)];
    return { dir, ok: errors.length === 0, name: result.manifest.name, errors, warnings };
  }
  // Every problem, each with its own fix; an error without problems is shown once, as its message says it.
  const errors = result.problems.length > 0 ? result.problems : [{ file: result.file, path: '', message: result.error.message, hint: '' }];
  return { dir, ok: false, errors, warnings: result.warnings };
}

/**
 * `berth validate <folder…> [--fix]`: every problem of each plugin folder's manifest; exit code 1 on errors. With
 * `--fix`, what has one right answer is fixed first and each change printed; what is left is reported as usual.
 */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('validate the plugin.json of one or more plugin folders (exit code 1 on errors)')
    .argument('<folders...>', 'plugin folders')
    .option('--json', 'print a JSON report')
    .option('--fix', 'first fix what has one right answer (each change printed, the file written atomically)')
    .action(async (folders: string[], options: { json?: boolean; fix?: boolean }) => {
      if (options.fix === true) {
        for (const folder of folders) {
          const { fixFolder } = await import('../author/fix-folder.js');
          const fixed = await fixFolder(folder);
          const out = options.json === true ? process.stderr : process.stdout;
          for (const f of fixed.fixes) out.write(`fixed  ${fixed.file} ${f.path}: ${f.change}\n`);
          if (fixed.skipped !== undefined) out.write(`cannot fix ${fixed.file}: ${fixed.skipped}\n`);
        }
      }
      const reports = await Promise.all(folders.map(report));
      if (options.json === true) printJson(reports);
      else for (const r of reports) printReport(r);
      if (reports.some((r) => !r.ok)) process.exitCode = ExitCode.ERRORS;
    });
}

function printReport(r: FolderReport): void {
  const lines = [
    r.ok ? `ok     ${r.dir} (${r.name ?? '?'})` : `error  ${r.dir}`,
    ...r.errors.map((p) => `  error    ${formatManifestProblem(p)}${p.hint !== '' ? `\n           fix: ${p.hint}` : ''}`),
    ...r.warnings.map((p) => `  warning  ${formatManifestProblem(p)}${p.hint !== '' ? `\n           fix: ${p.hint}` : ''}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
