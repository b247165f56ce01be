/**
 * One memory scenario, run as a fresh process by memory.ts (peak RSS cannot
 * be reset inside a process, so each scenario gets its own): load the listed
 * models in order and translate one sentence with each; `coexist` keeps every
 * model loaded, `swap` disposes each before loading the next. Prints RSS
 * after every step and the process's peak RSS as one JSON line.
 */
export interface MemoryModel {
  variant: string;
  engine: string;
  modelDir: string;
  /** transformers.js file suffix the variant picked (onnx-merged layout). */
  suffix?: string;
  device: string;
  options: Record<string, unknown>;
  maxLength: number;
  /** The variant's decoding mode, loaded as the run loads it. */
  kvCache?: boolean;
  staticShape?: { sourceLength: number; targetLength: number };
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
  const { engineByName } = await import('../engines/registry.js');
  const { detectLayout } = await import('../models/layouts/detect.js');
  const { M2M100Formatter } = await import('../decoding/m2m100.js');
  const { Translator } = await import('../decoding/translator.js');
  const steps: MemoryStep[] = [];
  const note = (step: string) => steps.push({ step, rssMib: process.memoryUsage.rss() / MIB });
  for (const name of new Set(req.models.map((m) => m.engine))) {
    const engine = engineByName(name);
    if (!engine) throw new Error(`unknown engine ${name}`);
    await engine.availability();
  }
  note('runtime imported');
  const loaded: { dispose(): Promise<void> }[] = [];
  for (const m of req.models) {
    const engine = engineByName(m.engine)!;
    const files = detectLayout(m.modelDir, 'memory', { suffix: m.suffix });
    const { model } = await engine.load(files, {
      device: m.device,
      options: m.options,
      ...(m.kvCache !== undefined ? { kvCache: m.kvCache } : {}),
      ...(m.staticShape ? { staticShape: m.staticShape } : {}),
    });
    note(`${m.variant} loaded`);
    await new Translator(model, new M2M100Formatter(files), m.maxLength).translate(req.sentence, req.srcLang, req.tgtLang);
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
