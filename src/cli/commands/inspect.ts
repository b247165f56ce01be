import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { inspectModel } from '../../models/inspect/inspect.js';
import { renderInspect } from '../../models/inspect/render.js';

interface InspectArgs {
  dir: string;
  json: boolean;
}

const inspectCommand: CommandModule<object, InspectArgs> = {
  command: 'inspect <dir>',
  describe: 'Show a model directory: layout, files and sizes, inputs/outputs, weight compression (IR rt_info or ONNX graph)',
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'Model directory (an optimum ONNX or OpenVINO IR export)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the full report as JSON' }) as Argv<InspectArgs>,
  handler: (args) => {
    const report = inspectModel(resolve(args.dir));
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderInspect(report)}\n`);
    if (report.problems.length) throw new UsageError(`${report.dir}: ${report.problems[0]}`);
  },
};

export default inspectCommand;
