import type { Argv, CommandModule } from 'yargs';
import { makePlan } from '../../plan/plan.js';
import { describeGolden } from '../../preflight/golden-file.js';
import { loadSuite } from '../../suite/load.js';
import { defaultSuite } from './run.js';

const validateCommand: CommandModule<object, { suite?: string }> = {
  command: 'validate [suite]',
  describe: 'Check a suite (schema, references between its parts, model and dataset files) without running it',
  builder: (y: Argv) => y.positional('suite', { type: 'string', describe: 'Suite YAML file (default: suites/smoke.yaml)' }) as Argv<{ suite?: string }>,
  handler: async (args) => {
    const suite = loadSuite(args.suite ?? defaultSuite());
    const plan = await makePlan(suite, { checkOnly: true });
    const lines = plan.datasets.map((d) => `${d.dataset.id} (${d.dataset.pair}, ${d.sources.length} lines)`);
    const golden = suite.golden ? ` · golden: ${describeGolden(suite)}` : '';
    process.stdout.write(
      `${suite.path}: valid · ${suite.variants.length} variants (reference ${suite.reference}) · datasets: ${lines.join(', ')} · ${suite.gates.length} gates${golden}\n`,
    );
    // What only this machine lacks is not a suite error: say it, and what to do.
    for (const n of plan.notRunnableHere) process.stdout.write(`  not runnable here: variant ${n.variant}: ${n.reason}\n`);
  },
};

export default validateCommand;
