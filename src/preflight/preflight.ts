/** The golden check as `mtgate run` runs it: read the suite's golden file, replay, say why it failed. */
import type { Plan } from '../plan/plan.js';
import type { ProgressEvent } from '../run.js';
import type { GoldenSettings } from '../suite/types.js';
import { readGolden } from './golden-file.js';
import { checkGolden, goldenFailureLine, type GoldenCheckReport } from './golden.js';

export async function goldenPreflight(
  plan: Plan,
  settings: GoldenSettings,
  onProgress?: (e: ProgressEvent) => void,
): Promise<{ passed: boolean; report: GoldenCheckReport; failure?: string }> {
  // A missing or malformed golden file is bad input (exit 2) and stops before anything is written.
  const golden = readGolden(settings.file, plan.suite);
  const index = new Map(plan.variants.map((v, i) => [v.variant.id, i + 1]));
  const report = await checkGolden(plan, golden, settings, {
    progress: (variant, message) => onProgress?.({ variant, variantIndex: index.get(variant) ?? 0, variantCount: plan.variants.length, stage: true, message }),
  });
  return { passed: report.passed, report, ...(report.passed ? {} : { failure: goldenFailureLine(report) }) };
}
