/**
 * mtgate's command line. Bad input ends with one line on stderr and exit 2;
 * a run that failed ends with exit 3; no stack traces unless MTGATE_DEBUG=1.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { MTGATE_VERSION } from '../run.js';
import devicesCommand from './commands/devices.js';
import modelsCommand from './commands/models.js';
import goldenCommand from './commands/golden.js';
import inspectCommand from './commands/inspect.js';
import reportCommand from './commands/report.js';
import runCommand from './commands/run.js';
import scoreCommand from './commands/score.js';
import setupCommand from './commands/setup.js';
import validateCommand from './commands/validate.js';
import gateCommand from './commands/gate.js';
import historyCommand from './commands/history.js';
import mergeCommand from './commands/merge.js';
import diffCommand from './commands/diff.js';

function exitCodeOf(err: unknown): number {
  const code = (err as { exitCode?: unknown } | null)?.exitCode;
  return typeof code === 'number' ? code : 3;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await yargs(argv)
      .scriptName('mtgate')
      .usage('$0 <command> [options]\n\nBenchmark and gate machine-translation model variants.')
      .command(runCommand)
      .command(validateCommand)
      .command(scoreCommand)
      .command(devicesCommand)
      .command(setupCommand)
      .command(gateCommand)
      .command(historyCommand)
      .command(mergeCommand)
      .command(diffCommand)
      .command(modelsCommand)
      .command(inspectCommand)
      .command(goldenCommand)
      .command(reportCommand)
      .demandCommand(1, 'Name a command, e.g. `mtgate run suites/smoke.yaml`.')
      .strict()
      .version(MTGATE_VERSION)
      .help()
      .alias('h', 'help')
      .wrap(Math.min(110, process.stdout.columns ?? 100))
      .epilogue('Exit codes: 0 all gates pass, 1 a gate failed, 2 bad input, 3 the run failed.')
      .fail((msg, err) => {
        if (err) throw err;
        throw Object.assign(new Error(`${msg} (see mtgate --help)`), { exitCode: 2 });
      })
      .parseAsync();
  } catch (err) {
    const code = exitCodeOf(err);
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`mtgate: ${code === 3 && !(err as { exitCode?: number }).exitCode ? 'internal error: ' : ''}${message.split('\n')[0]}\n`);
    if (process.env.MTGATE_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = code;
  }
}

await main(hideBin(process.argv));
