import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { DEFAULT_REPORT_FORMATS, REPORT_FORMAT_NAMES, writeReports } from '../../reports/index.js';
import { RECORD_SCHEMA, type RunRecord } from '../../results/record.js';

interface ReportArgs {
  run: string;
  format?: string[];
  png?: boolean;
}

/** A run folder (or its run.json) → the record and the folder to write into. */
export function readRunRecord(target: string): { record: RunRecord; folder: string } {
  const path = resolve(target);
  if (!existsSync(path)) throw new UsageError(`${path}: no such run folder; pass a folder made by mtgate run (reports/<time>-<suite>) or its run.json`);
  const file = statSync(path).isDirectory() ? join(path, 'run.json') : path;
  const folder = file === path ? resolve(path, '..') : path;
  let record: RunRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
  } catch (err) {
    throw new UsageError(`${file}: not a readable run record (${(err as Error).message.split('\n')[0]}); pass a folder made by mtgate run`);
  }
  if (record?.schema !== RECORD_SCHEMA) throw new UsageError(`${file}: schema is ${JSON.stringify(record?.schema)}, expected "${RECORD_SCHEMA}"; this mtgate cannot read that record`);
  return { record, folder };
}

const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <run>',
  describe: 'Re-render reports (HTML, CSV, JUnit, …) from a stored run.json without re-running models',
  builder: (y: Argv) =>
    y
      .positional('run', { type: 'string', demandOption: true, describe: 'Run folder (reports/<time>-<suite>) or its run.json' })
      .option('format', {
        type: 'string',
        array: true,
        choices: REPORT_FORMAT_NAMES,
        describe: `Formats to write (default: ${DEFAULT_REPORT_FORMATS.filter((f) => f !== 'json').join(', ')})`,
      })
      .option('png', { type: 'boolean', describe: 'Also write the charts as charts/*.png' })
      .example('$0 report reports/20260101T000000Z-smoke --format html junit', 'rewrite report.html and junit.xml') as Argv<ReportArgs>,
  handler: async (args) => {
    const { record, folder } = readRunRecord(args.run);
    const formats = args.format ?? DEFAULT_REPORT_FORMATS.filter((f) => f !== 'json');
    const written = await writeReports(record, folder, { formats, png: args.png, record: false });
    process.stdout.write(`${written.join('\n')}\n`);
  },
};

export default reportCommand;
