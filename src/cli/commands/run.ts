import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv, CommandModule } from 'yargs';
import { appendStepSummary } from '../../reports/github-summary.js';
import { renderMarkdown } from '../../reports/markdown.js';
import { renderSummary } from '../../reports/summary.js';
import { runSuite } from '../../run.js';
import { loadSuite } from '../../suite/load.js';
import { progressPrinter } from '../progress.js';

/** suites/smoke.yaml in the current folder, else the one shipped with mtgate. */
export function defaultSuite(): string {
  const local = resolve('suites/smoke.yaml');
  return existsSync(local) ? local : fileURLToPath(new URL('../../../suites/smoke.yaml', import.meta.url));
}

interface RunArgs {
  suite?: string;
  reports: string;
  png?: boolean;
}

const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [suite]',
  describe: 'Run a suite: translate, measure, compare with the reference variant, gate, report',
  builder: (y: Argv) =>
    y
      .positional('suite', { type: 'string', describe: 'Suite YAML file (default: suites/smoke.yaml)' })
      .option('reports', { type: 'string', default: 'reports', describe: 'Folder that receives the run folder' })
      .option('png', { type: 'boolean', describe: 'Also write the charts as charts/*.png (suite key reports.png)' }) as Argv<RunArgs>,
  handler: async (args) => {
    const suite = loadSuite(args.suite ?? defaultSuite());
    if (args.png) suite.reports = { ...suite.reports, png: true };
    const progress = progressPrinter();
    const record = await runSuite(suite, { reportsDir: resolve(args.reports), onProgress: progress.onProgress });
    progress.done();
    process.stdout.write(`${renderSummary(record)}\n`);
    appendStepSummary(renderMarkdown(record), `report.md in the run folder ${record.run.id}`);
    process.exitCode = record.outcome.exitCode;
  },
};

export default runCommand;
