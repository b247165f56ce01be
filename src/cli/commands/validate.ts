import type { Argv, CommandModule } from 'yargs';
import { makePlan } from '../../plan/plan.js';
import { loadSuite } from '../../suite/load.js';
import { defaultSuite } from './run.js';

const validateCommand: CommandModule<object, { suite?: string }> = {
  command: 'validate [suite]',
  describe: 'Check a suite (schema, references between its parts, model and dataset files) without running it',
  builder: (y: Argv) => y.positional('suite', { type: 'string', describe: 'Suite YAML file (default: suites/smoke.yaml)' }) as Argv<{ suite?: string }>,
  handler: async (args) => {
    const suite = loadSuite(args.suite ?? defaultSuite());
    const plan = await makePlan(suite);
    for (const w of plan.datasets.flatMap((d) => d.warnings ?? [])) process.stderr.write(`mtgate: warning: ${w}\n`);
    const lines = plan.datasets.map((d) => `${d.dataset.id} (${d.dataset.pair}, ${d.sources.length} lines)`);
    process.stdout.write(
      `${suite.path}: valid · ${plan.variants.length + plan.precomputed.length} variants (reference ${suite.reference}) · datasets: ${lines.join(', ')} · ${suite.gates.length} gates\n`,
    );
  },
};

export default validateCommand;
