import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv, CommandModule } from 'yargs';
import { appendStepSummary } from '../../reports/github-summary.js';
import { renderMarkdown } from '../../reports/markdown.js';
import { renderSummary } from '../../reports/summary.js';
import { runSuite } from '../../run.js';
import { loadSuite } from '../../suite/load.js';
import { interruptOnSignals } from '../interrupt.js';
import { expectedFingerprint, resolveBaseline } from '../../gates/regate.js';
import { appendHistory } from '../../results/history.js';
import { join } from 'node:path';
import { progressPrinter } from '../progress.js';
import { journaledSuitePath } from '../../results/ledger.js';
import { killChildren } from '../../measures/children.js';

/** suites/smoke.yaml in the current folder, else the one shipped with mtgate. */
export function defaultSuite(): string {
  const local = resolve('suites/smoke.yaml');
  return existsSync(local) ? local : fileURLToPath(new URL('../../../suites/smoke.yaml', import.meta.url));
}

interface RunArgs {
  suite?: string;
  reports: string;
  resume?: string;
  baseline?: string;
  'allow-fingerprint-mismatch': boolean;
  history: boolean;
  png?: boolean;
}

const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [suite]',
  describe: 'Run a suite: translate, measure, compare with the reference variant, gate, report',
  builder: (y: Argv) =>
    y
      .positional('suite', { type: 'string', describe: 'Suite YAML file (default: suites/smoke.yaml)' })
      .option('reports', { type: 'string', default: 'reports', describe: 'Folder that receives the run folder' })
      .option('resume', {
        type: 'string',
        describe: 'Finish a partial run (Ctrl-C, SIGTERM, kill -9) in its run folder: only missing cells are measured',
      })
      .option('baseline', { type: 'string', describe: 'Baseline for vs: baseline gates: run.json, run folder, or last-passing (from <reports>/history.jsonl)' })
      .option('allow-fingerprint-mismatch', { type: 'boolean', default: false, describe: 'Compare with a baseline measured on another device/runtime' })
      .option('history', { type: 'boolean', default: true, describe: 'Append a summary line to <reports>/history.jsonl (--no-history to skip)' })
      .option('png', { type: 'boolean', describe: 'Also write the charts as charts/*.png (suite key reports.png)' }) as Argv<RunArgs>,
  handler: async (args) => {
    const suite = loadSuite(args.suite ?? (args.resume ? journaledSuitePath(args.resume) : defaultSuite()));
    if (args.png) suite.reports = { ...suite.reports, png: true };
    const reportsDir = resolve(args.reports);
    // Resolved (and fingerprint-checked) before anything runs: bad input costs no measurement.
    const wantsBaseline = args.baseline ?? suite.baseline.run;
    const baseline = wantsBaseline
      ? resolveBaseline(args.baseline, suite, await expectedFingerprint(suite), reportsDir, args['allow-fingerprint-mismatch'])
      : undefined;
    const progress = progressPrinter();
    const interrupt = interruptOnSignals((sig) => {
      progress.done();
      process.stderr.write(`mtgate: ${sig}: stopping; writing the results so far (again to exit at once)\n`);
      killChildren();
    });
    const record = await runSuite(suite, {
      reportsDir,
      onProgress: progress.onProgress,
      resume: args.resume,
      signal: interrupt.signal,
      baseline,
    }).finally(() => interrupt.dispose());
    progress.done();
    for (const w of record.warnings ?? []) process.stderr.write(`mtgate: warning: ${w}\n`);
    // A partial run joins the history when --resume completes it.
    if (args.history && !record.partial) appendHistory(reportsDir, record, join(record.run.folder, 'run.json'));
    process.stdout.write(`${renderSummary(record)}\n`);
    appendStepSummary(renderMarkdown(record), `report.md in the run folder ${record.run.id}`);
    process.exitCode = record.outcome.exitCode;
    if (record.partial) {
      process.stderr.write(`mtgate: partial run (${record.partialReason}); finish it with: mtgate run --resume ${record.run.folder}\n`);
      // The abandoned cell may still be computing; its result is not wanted.
      process.exit(record.outcome.exitCode);
    }
  },
};

export default runCommand;
