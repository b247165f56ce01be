/**
 * Metrics benchmark: BLEU, chrF and TER corpus scores and the paired bootstrap
 * test (1000 resamples, BLEU and chrF) on a deterministic 100,000-line
 * synthetic corpus, against sacreBLEU 2.6.0 on the same 2-core machine.
 *
 * Each measurement runs in a fresh child process, so peak RSS
 * (`process.resourceUsage().maxRSS`) belongs to that task alone. Times cover
 * the metric work (statistics extraction, scoring, resampling), not building
 * the corpus.
 *
 *   node --import tsx bench/metrics.ts [--lines N]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BLEU } from '../src/metrics/bleu.js';
import { CHRF } from '../src/metrics/chrf.js';
import { TER } from '../src/metrics/ter.js';
import { syntheticCorpus } from '../src/metrics/bench-corpus.js';
import { pairedBootstrap } from '../src/metrics/significance.js';

type Task = 'bleu' | 'chrf' | 'ter' | 'pbs-bleu' | 'pbs-chrf';

interface Target {
  task: Task;
  label: string;
  /** sacreBLEU 2.6.0 wall time on this machine, seconds. */
  sacrebleuS: number;
  sacrebleuRss?: string;
  /** Extra limits beyond ≥10× faster. */
  maxS?: number;
  maxRssMiB?: number;
}

const TARGETS: Target[] = [
  { task: 'bleu', label: 'BLEU corpus', sacrebleuS: 13.4 },
  { task: 'chrf', label: 'chrF corpus', sacrebleuS: 30.4, sacrebleuRss: '3.9 GiB' },
  { task: 'ter', label: 'TER corpus', sacrebleuS: 118 },
  { task: 'pbs-bleu', label: 'paired bootstrap 1000, BLEU', sacrebleuS: 40, sacrebleuRss: '5.6 GiB', maxS: 4, maxRssMiB: 1024 },
  { task: 'pbs-chrf', label: 'paired bootstrap 1000, chrF', sacrebleuS: 79, sacrebleuRss: '11.4 GiB', maxS: 8, maxRssMiB: 1024 },
];

interface Measurement {
  wallS: number;
  maxRssMiB: number;
  score: number;
}

/** A second system close to the baseline: every third line loses its last word. */
function variant(hyps: readonly string[]): string[] {
  return hyps.map((h, i) => (i % 3 === 0 ? h.slice(0, Math.max(0, h.lastIndexOf(' '))) || h : h));
}

/** Runs one task in this process and returns its measurement. */
function runTask(task: Task, lines: number): Measurement {
  const { hyps, refs } = syntheticCorpus(lines, 1);
  const refStreams = [refs];
  const t0 = performance.now();
  let score: number;
  switch (task) {
    case 'bleu':
      score = new BLEU().corpusScore(hyps, refStreams).score;
      break;
    case 'chrf':
      score = new CHRF().corpusScore(hyps, refStreams).score;
      break;
    case 'ter':
      score = new TER().corpusScore(hyps, refStreams).score;
      break;
    case 'pbs-bleu':
    case 'pbs-chrf': {
      const metric = task === 'pbs-bleu' ? new BLEU() : new CHRF();
      const r = pairedBootstrap(metric, hyps, [variant(hyps)], refStreams, { nBootstrap: 1000, seed: 12345 });
      score = r.systems[0].p_value ?? NaN;
      break;
    }
  }
  const wallS = (performance.now() - t0) / 1000;
  return { wallS, maxRssMiB: process.resourceUsage().maxRSS / 1024, score };
}

const self = fileURLToPath(import.meta.url);

function measureInChild(task: Task, lines: number): Measurement {
  const r = spawnSync(process.execPath, [...process.execArgv, self, '--child', task, '--lines', String(lines)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`bench task ${task} failed: ${r.stderr.trim().split('\n').pop()}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measurement;
}

export async function benchMetrics(opts: { lines?: number } = {}): Promise<void> {
  const lines = opts.lines ?? 100_000;
  const scale = lines / 100_000; // sacreBLEU figures are for 100k lines
  console.log(`\n== metrics: ${lines.toLocaleString('en-US')}-line synthetic corpus, each task in a fresh process ==`);
  console.log('task                          wall s   peak RSS   sacreBLEU 2.6.0       speed-up  targets');
  for (const t of TARGETS) {
    const m = measureInChild(t.task, lines);
    const ref = t.sacrebleuS * scale;
    const speedup = ref / m.wallS;
    const checks = [`≥10×: ${speedup >= 10 ? 'PASS' : 'MISS'}`];
    if (t.maxS !== undefined) checks.push(`<${t.maxS} s: ${m.wallS < t.maxS * scale ? 'PASS' : 'MISS'}`);
    if (t.maxRssMiB !== undefined) checks.push(`<1 GiB: ${m.maxRssMiB < t.maxRssMiB ? 'PASS' : 'MISS'}`);
    const sb = `${ref.toFixed(1)} s${t.sacrebleuRss && scale === 1 ? `, ${t.sacrebleuRss}` : ''}`;
    console.log(
      `${t.label.padEnd(28)}  ${m.wallS.toFixed(2).padStart(6)}  ${`${m.maxRssMiB.toFixed(0)} MiB`.padStart(9)}   ${sb.padEnd(20)}  ${`${speedup.toFixed(1)}×`.padStart(8)}  ${checks.join('  ')}`,
    );
  }
}

// Direct use: `node --import tsx bench/metrics.ts [--lines N]`; `--child TASK` is the per-task worker.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const lines = Number(arg('--lines') ?? 100_000);
  const child = arg('--child') as Task | undefined;
  if (child) process.stdout.write(`${JSON.stringify(runTask(child, lines))}\n`);
  else await benchMetrics({ lines });
}
