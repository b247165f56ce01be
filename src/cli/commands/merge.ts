import { join, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { loadStoredRun } from '../../results/baseline.js';
import { mergeRuns } from '../../results/merge.js';
import { writeReports } from '../../reports/index.js';
import { renderSummary } from '../../reports/summary.js';

interface MergeArgs {
  runs: string[];
  out: string;
}

const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <runs..>',
  describe: 'Combine runs from several machines into one record and report (colliding variant ids gain a device/machine qualifier)',
  builder: (y: Argv) =>
    y
      .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'run.json files or run folders' })
      .option('out', { type: 'string', demandOption: true, describe: 'Folder for the merged run.json and reports' }) as Argv<MergeArgs>,
  handler: async (args) => {
    const out = resolve(args.out);
    const record = mergeRuns(args.runs.map((r) => loadStoredRun(r)), out);
    await writeReports(record, out);
    process.stdout.write(`${renderSummary(record)}\n(merged record: ${join(out, 'run.json')})\n`);
    process.exitCode = record.outcome.exitCode;
  },
};

export default mergeCommand;
