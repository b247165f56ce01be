/**
 * One memory scenario, run as a fresh process by memory.ts (peak RSS cannot
 * be reset inside a process, so each scenario gets its own): load the listed
 * models in order and translate one sentence with each; `coexist` keeps every
 * model loaded, `swap` disposes each before loading the next. Prints RSS
 * after every step and the process's peak RSS as one JSON line.
 */
import type { ChildModel } from './child-model.js';

export interface MemoryModel extends ChildModel {
  variant: string;
}

export interface MemoryRequest {
  mode: 'single' | 'coexist' | 'swap';
  models: MemoryModel[];
  sentence: string;
  srcLang: string;
  tgtLang: string;
  preload?: string[];
}

export interface MemoryStep {
  /** e.g. `runtime imported`, `fp32 loaded`, `fp32 translated`, `fp32 disposed`. */
  step: string;
  rssMib: number;
}

export interface MemoryAnswer {
  mode: MemoryRequest['mode'];
  steps: MemoryStep[];
  peakRssMib: number;
}

const MIB = 1024 * 1024;

async function main(): Promise<void> {
  const req = JSON.parse(process.argv[2]) as MemoryRequest;
  for (const m of req.preload ?? []) await import(m);
  const { engineInChild, loadInChild } = await import('./child-model.js');
  const steps: MemoryStep[] = [];
  const note = (step: string) => steps.push({ step, rssMib: process.memoryUsage.rss() / MIB });
  for (const name of new Set(req.models.map((m) => m.engine))) await engineInChild(name);
  note('runtime imported');
  const loaded: { dispose(): Promise<void> }[] = [];
  for (const m of req.models) {
    const { model, translator } = await loadInChild(m, 'memory');
    note(`${m.variant} loaded`);
    await translator.translate(req.sentence, req.srcLang, req.tgtLang);
    note(`${m.variant} translated`);
    if (req.mode === 'swap') {
      await model.dispose();
      note(`${m.variant} disposed`);
    } else loaded.push(model);
  }
  const answer: MemoryAnswer = { mode: req.mode, steps, peakRssMib: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(answer)}\n`);
  for (const model of loaded) await model.dispose();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
