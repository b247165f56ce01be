import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { compareOutputs, type DivergentExample } from '../../measures/agreement.js';
import { textTranslations } from '../../measures/precomputed.js';
import { readLines } from '../../metrics/read-lines.js';

interface DiffArgs {
  a: string;
  b: string;
  worst: number;
  json: boolean;
}

export interface FileDiff {
  file: string;
  a: string;
  b: string;
  lines: number;
  exactMatch: number;
  agreementChrf: number;
  /** First line (1-based) whose outputs differ; null when all are equal. */
  firstDivergentLine: number | null;
  /** Mean word position of the first difference over divergent lines. */
  meanFirstDivergence: number | null;
  divergentLines: number;
  worst: DivergentExample[];
}

/** B's outputs against A's, line by line (A is the side B is checked against, as a shadow log against production). */
export function diffFiles(a: string, b: string, worst: number, label = b): FileDiff {
  const la = readLines(a);
  const lb = readLines(b);
  if (la.length !== lb.length) throw new UsageError(`${b} has ${lb.length} lines but ${a} has ${la.length}; diff compares line-aligned outputs`);
  if (!la.length) throw new UsageError(`${a} is empty; nothing to compare`);
  const r = compareOutputs(textTranslations(lb), textTranslations(la), [], [], worst);
  const firstDivergentLine = la.findIndex((line, i) => line !== lb[i]);
  const examples = (r.details?.worstExamples as DivergentExample[]).map(({ source: _s, reference: _r, ...e }) => e as DivergentExample);
  return {
    file: label,
    a,
    b,
    lines: la.length,
    exactMatch: r.values['agreement.exact_match'],
    agreementChrf: r.values['agreement.chrf'],
    firstDivergentLine: firstDivergentLine < 0 ? null : firstDivergentLine + 1,
    meanFirstDivergence: r.values['agreement.first_divergence'] ?? null,
    divergentLines: r.details?.divergentTokenLines as number,
    worst: examples,
  };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/** A run folder's hypotheses/ (or any folder of output files). */
function outputsFolder(p: string): string {
  const hyp = join(p, 'hypotheses');
  return existsSync(hyp) && statSync(hyp).isDirectory() ? hyp : p;
}

export function diffPaths(a: string, b: string, worst: number): FileDiff[] {
  for (const p of [a, b]) if (!existsSync(p)) throw new UsageError(`${p}: not found; pass two output files or two run folders`);
  const aDir = statSync(a).isDirectory();
  if (aDir !== statSync(b).isDirectory()) throw new UsageError(`${a} and ${b}: pass two files or two folders, not one of each`);
  if (!aDir) return [diffFiles(a, b, worst)];
  const da = outputsFolder(a);
  const db = outputsFolder(b);
  const fb = new Set(filesUnder(db));
  const common = filesUnder(da).filter((f) => fb.has(f));
  if (!common.length) throw new UsageError(`${da} and ${db} have no output files in common (compared by path, e.g. <variant>/<dataset>.<lang>)`);
  return common.map((f) => diffFiles(join(da, f), join(db, f), worst, f));
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function renderDiff(diffs: readonly FileDiff[]): string {
  const out: string[] = [];
  for (const d of diffs) {
    out.push(
      `${d.file}: ${d.lines} lines · exact match ${pct(d.exactMatch)} (${d.divergentLines} differ) · agreement chrF ${d.agreementChrf.toFixed(2)} · first divergent line ${d.firstDivergentLine ?? '–'}` +
        (d.meanFirstDivergence !== null ? ` · mean first divergence at word ${d.meanFirstDivergence.toFixed(1)}` : ''),
    );
    for (const e of d.worst) {
      out.push(`  line ${e.line} (chrF ${e.sentenceChrf.toFixed(1)}, word ${e.firstDivergence}):`, `    A: ${e.referenceOutput}`, `    B: ${e.output}`);
    }
  }
  return out.join('\n');
}

const diffCommand: CommandModule<object, DiffArgs> = {
  command: 'diff <a> <b>',
  describe: 'Compare two output files (or two run folders’ hypotheses) line by line: exact match, first divergence, agreement chrF, worst lines',
  builder: (y: Argv) =>
    y
      .positional('a', { type: 'string', demandOption: true, describe: 'Outputs compared against (file or run folder)' })
      .positional('b', { type: 'string', demandOption: true, describe: 'Outputs checked (file or run folder)' })
      .option('worst', { type: 'number', default: 5, describe: 'Show the k most divergent lines (lowest sentence chrF)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON' }) as Argv<DiffArgs>,
  handler: (args) => {
    if (!Number.isInteger(args.worst) || args.worst < 0) throw new UsageError(`--worst ${args.worst}: give a whole number ≥ 0`);
    const diffs = diffPaths(resolve(args.a), resolve(args.b), args.worst);
    process.stdout.write(args.json ? `${JSON.stringify(diffs, null, 2)}\n` : `${renderDiff(diffs)}\n`);
  },
};

export default diffCommand;
