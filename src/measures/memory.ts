/**
 * Memory, each scenario in a fresh child process (memory-child.ts):
 * - single: this variant alone — RSS after load, after the first translation, peak;
 * - with `pairs`, for each variant other than the reference, the question a
 *   memory-constrained A/B has to answer: keep both loaded (warm-coexist:
 *   reference then this variant, side by side) or load one after the other
 *   with dispose in between (cold-swap)? RSS after each step and the peak of each.
 */
import { fileURLToPath } from 'node:url';
import type { PlannedVariant } from '../plan/plan.js';
import { childModelOf } from './child-model.js';
import { runChild } from './cold-start.js';
import type { CellResult, MetricDef, VariantContext, VariantMeasure } from './measure.js';
import type { MemoryAnswer, MemoryModel, MemoryRequest } from './memory-child.js';

const CHILD = fileURLToPath(new URL(`./memory-child${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));

const mib = (name: string, description: string): MetricDef => ({ name: `memory.${name}`, unit: 'MiB', better: 'lower', description });

export const MEMORY_METRICS: MetricDef[] = [
  mib('single.peak_rss_mib', 'peak RSS of a process that loads this variant and translates one sentence'),
  mib('single.after_load_rss_mib', 'RSS right after loading this variant'),
  mib('coexist.peak_rss_mib', 'peak RSS with the reference and this variant loaded side by side (warm-coexist)'),
  mib('coexist.after_loads_rss_mib', 'RSS after both variants are loaded and have translated (warm-coexist)'),
  mib('swap.peak_rss_mib', 'peak RSS loading the reference, disposing it, then loading this variant (cold-swap)'),
  mib('coexist_extra_mib', 'warm-coexist peak minus cold-swap peak: what keeping both loaded costs'),
];

export interface MemoryJob {
  variant: MemoryModel;
  reference?: MemoryModel;
  sentence: string;
  srcLang: string;
  tgtLang: string;
  timeoutMs: number;
  preload?: string[];
  progress?: (message: string) => void;
}

export function memoryModel(pv: PlannedVariant): MemoryModel {
  return { variant: pv.variant.id, ...childModelOf(pv) };
}


const stepRss = (a: MemoryAnswer, step: string) => a.steps.find((s) => s.step === step)?.rssMib ?? NaN;

export async function measureMemory(job: MemoryJob): Promise<CellResult> {
  const run = (mode: MemoryRequest['mode'], models: MemoryModel[]) => {
    job.progress?.(`memory: ${mode}`);
    const req: MemoryRequest = { mode, models, sentence: job.sentence, srcLang: job.srcLang, tgtLang: job.tgtLang, preload: job.preload };
    return runChild<MemoryAnswer>(CHILD, req, job.timeoutMs, `memory ${mode}`);
  };
  const id = job.variant.variant;
  const single = await run('single', [job.variant]);
  const values: Record<string, number> = {
    'memory.single.peak_rss_mib': single.peakRssMib,
    'memory.single.after_load_rss_mib': stepRss(single, `${id} loaded`),
  };
  const details: Record<string, unknown> = { single };
  if (job.reference) {
    const both = [job.reference, job.variant];
    const coexist = await run('coexist', both);
    const swap = await run('swap', both);
    Object.assign(values, {
      'memory.coexist.peak_rss_mib': coexist.peakRssMib,
      'memory.coexist.after_loads_rss_mib': stepRss(coexist, `${id} translated`),
      'memory.swap.peak_rss_mib': swap.peakRssMib,
      'memory.coexist_extra_mib': coexist.peakRssMib - swap.peakRssMib,
    });
    Object.assign(details, { reference: job.reference.variant, coexist, swap });
  }
  details.note = 'RSS in MiB from fresh processes; peak is the kernel’s maxRSS for the process. Order: the reference first, then this variant.';
  return { values, details };
}

export const memoryMeasure: VariantMeasure = {
  name: 'memory',
  metrics: MEMORY_METRICS,
  enabled: (suite) => suite.measures.memory !== undefined,

  async run({ plan, variant, progress }: VariantContext): Promise<CellResult> {
    const s = plan.suite.measures.memory!;
    const first = plan.datasets[0];
    const ref = plan.variants.find((v) => v.isReference);
    return measureMemory({
      variant: memoryModel(variant),
      reference: (s.pairs ?? true) && ref && !variant.isReference ? memoryModel(ref) : undefined,
      sentence: first.sources[0],
      srcLang: first.dataset.srcLang,
      tgtLang: first.dataset.tgtLang,
      timeoutMs: (s.timeout_s ?? 300) * 1000,
      progress,
    });
  },
};
