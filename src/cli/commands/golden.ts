import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { makePlan } from '../../plan/plan.js';
import { readGolden, writeGoldenEntry } from '../../preflight/golden-file.js';
import { checkGolden, goldenFailureLine, PreflightFailure, recordGolden, renderGoldenReport } from '../../preflight/golden.js';
import { MTGATE_VERSION } from '../../run.js';
import { loadSuite } from '../../suite/load.js';
import { defaultSuite } from './run.js';

interface RecordArgs {
  suite?: string;
  variant: string;
  out?: string;
  lines: number;
}

interface CheckArgs {
  suite?: string;
  golden?: string;
  variant?: string[];
  json: boolean;
}

const recordCommand: CommandModule<object, RecordArgs> = {
  command: 'record [suite]',
  describe: "Translate the first lines of each of the suite's datasets with one variant and store the greedy tokens, text and runtime fingerprint",
  builder: (y: Argv) =>
    y
      .positional('suite', { type: 'string', describe: 'Suite YAML file (default: suites/smoke.yaml)' })
      .option('variant', { type: 'string', demandOption: true, describe: 'The trusted variant to record with (e.g. the CPU reference)' })
      .option('out', { type: 'string', describe: "Golden file to write (default: the suite's golden: file); other models' entries are kept" })
      .option('lines', { type: 'number', default: 4, describe: 'Lines per dataset' }) as Argv<RecordArgs>,
  handler: async (args) => {
    const suite = loadSuite(args.suite ?? defaultSuite());
    const out = args.out ? resolve(args.out) : suite.golden?.file;
    if (!out) throw new UsageError(`${suite.path}: the suite names no golden file; pass --out FILE or add "golden: FILE" to the suite`);
    if (!Number.isInteger(args.lines) || args.lines < 1) throw new UsageError(`--lines ${args.lines}: give a whole number of lines per dataset, at least 1`);
    const plan = await makePlan(suite);
    const entry = await recordGolden(plan, args.variant, args.lines);
    writeGoldenEntry(out, entry, suite.name, MTGATE_VERSION);
    const maxHits = entry.inputs.filter((i) => i.stoppedBy === 'max_length').length;
    process.stdout.write(
      `${out}: recorded ${entry.inputs.length} inputs for model ${entry.model} with variant ${args.variant} (${entry.recordedWith.engine} ${entry.recordedWith.engineVersion} ${entry.recordedWith.device})` +
        `${maxHits ? `; ${maxHits} stopped at max_length` : ''}\n`,
    );
  },
};

const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check [suite]',
  describe: 'Replay a golden file on every variant (or --variant) and fail with exit 3 on divergence or output-length collapse',
  builder: (y: Argv) =>
    y
      .positional('suite', { type: 'string', describe: 'Suite YAML file (default: suites/smoke.yaml)' })
      .option('golden', { type: 'string', describe: "Golden file (default: the suite's golden: file)" })
      .option('variant', { type: 'string', array: true, describe: 'Check only these variants' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the report as JSON' }) as Argv<CheckArgs>,
  handler: async (args) => {
    const suite = loadSuite(args.suite ?? defaultSuite());
    const file = args.golden ? resolve(args.golden) : suite.golden?.file;
    if (!file) throw new UsageError(`${suite.path}: the suite names no golden file; pass --golden FILE or add "golden: FILE" to the suite`);
    const settings = { max_divergent_lines: 0, min_length_ratio: 0.5, ...suite.golden, file };
    const golden = readGolden(file, suite);
    const plan = await makePlan(suite);
    const report = await checkGolden(plan, golden, settings, { variants: args.variant, progress: (v, m) => process.stderr.write(`[${v}] ${m}\n`) });
    process.stdout.write(`${args.json ? JSON.stringify(report, null, 2) : renderGoldenReport(report)}\n`);
    if (!report.passed) throw new PreflightFailure(goldenFailureLine(report));
  },
};

const goldenCommand: CommandModule = {
  command: 'golden <command>',
  describe: 'Pre-flight golden outputs: record them on a trusted variant, check every variant against them',
  builder: (y: Argv) => y.command(recordCommand).command(checkCommand).demandCommand(1, 'Name a golden command: record or check.'),
  handler: () => {},
};

export default goldenCommand;
