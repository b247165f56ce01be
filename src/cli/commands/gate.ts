import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { regate, resolveBaseline } from '../../gates/regate.js';
import { loadStoredRun } from '../../results/baseline.js';
import { fingerprintOf } from '../../results/fingerprint.js';
import { writeReports } from '../../reports/index.js';
import { renderSummary } from '../../reports/summary.js';
import { loadSuite } from '../../suite/load.js';

interface GateArgs {
  run: string;
  baseline?: string;
  suite?: string;
  out?: string;
  reports: string;
  'allow-fingerprint-mismatch': boolean;
}

const gateCommand: CommandModule<object, GateArgs> = {
  command: 'gate <run>',
  describe: 'Re-evaluate gates on a stored run (optionally against a baseline run) without running any model',
  builder: (y: Argv) =>
    y
      .positional('run', { type: 'string', demandOption: true, describe: 'run.json or run folder' })
      .option('baseline', { type: 'string', describe: 'Baseline run.json, run folder, or last-passing (from the history)' })
      .option('suite', { type: 'string', describe: 'Suite whose gates and waivers apply (default: the suite the run was made from)' })
      .option('out', { type: 'string', describe: 'Folder for the updated record and reports (default: <run folder>/gated)' })
      .option('reports', { type: 'string', default: 'reports', describe: 'Folder holding history.jsonl (for last-passing)' })
      .option('allow-fingerprint-mismatch', { type: 'boolean', default: false, describe: 'Compare with a baseline measured on another device/runtime' }) as Argv<GateArgs>,
  handler: async (args) => {
    const run = loadStoredRun(args.run);
    const suitePath = args.suite ?? run.record.suite.path;
    if (!args.suite && !existsSync(suitePath)) {
      throw new UsageError(`${run.path}: the suite it was made from (${suitePath}) is gone; pass --suite <suite.yaml>`);
    }
    const suite = loadSuite(suitePath);
    const baseline = resolveBaseline(args.baseline, suite, fingerprintOf(run.record), resolve(args.reports), args['allow-fingerprint-mismatch']);
    const record = regate(run, suite, baseline);
    const out = resolve(args.out ?? join(run.folder, 'gated'));
    await writeReports(record, out);
    process.stdout.write(`${renderSummary(record)}\n(gated record: ${join(out, 'run.json')})\n`);
    process.exitCode = record.outcome.exitCode;
  },
};

export default gateCommand;
