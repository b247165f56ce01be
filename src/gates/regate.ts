/**
 * Gates re-evaluated on stored runs, without running any model: the suite's
 * current rules and waivers over a run record (and a baseline record), with
 * paired tests on the hypotheses stored in the run folders.
 */
import { captureRuntimeFingerprint } from '../results/runtime-fingerprint.js';
import { engineByName } from '../engines/registry.js';
import { lastPassing, baselineVariants, checkFingerprints, loadStoredRun, type StoredRun } from '../results/baseline.js';
import { captureEnvironment } from '../results/environment.js';
import { fingerprintOf, type Fingerprint } from '../results/fingerprint.js';
import type { RunRecord } from '../results/record.js';
import type { Suite } from '../suite/types.js';
import { evaluateGates } from './evaluate.js';
import { waiverInfo } from './waivers.js';

export type BaselineRun = StoredRun & { fingerprintDifferences: string[] };

/** The fingerprint a run of this suite on this machine will have (engine versions asked of the engines). */
export async function expectedFingerprint(suite: Suite): Promise<Fingerprint> {
  const env = captureEnvironment({});
  // The same device fingerprints a run records (runtime, device name, driver), so a driver update is a mismatch.
  const runtime = await captureRuntimeFingerprint(suite.variants.filter((v) => !v.outputs));
  const variants = [];
  for (const v of suite.variants) {
    const engine = v.outputs ? undefined : engineByName(v.engine);
    const version = engine ? ((await engine.availability()).version ?? 'unknown') : '';
    variants.push({
      id: v.id,
      model: v.model,
      modelDir: '',
      layout: '',
      engine: v.engine,
      engineVersion: version,
      device: v.device,
      engineOptions: {},
      maxLength: 0,
      isReference: v.id === suite.reference,
      ...(runtime.devices[`${v.engine}/${v.device}`] ? { fingerprint: runtime.devices[`${v.engine}/${v.device}`] } : {}),
    });
  }
  return fingerprintOf({ environment: env, variants });
}

/**
 * `--baseline <run.json|folder|last-passing>` for a suite: loads it and refuses
 * a fingerprint mismatch on the variants that `vs: baseline` rules compare.
 */
export function resolveBaseline(
  spec: string | undefined,
  suite: Suite,
  current: Fingerprint,
  reportsDir: string,
  allowMismatch: boolean,
): BaselineRun | undefined {
  const chosen = spec ?? suite.baseline.run;
  if (!chosen) return undefined;
  const ids = baselineVariants(suite.gates, suite.variants);
  const compared = ids.length ? ids : suite.variants.map((v) => v.id);
  const allow = allowMismatch || suite.baseline.allow_fingerprint_mismatch;
  const stored = chosen === 'last-passing' ? lastPassing(reportsDir, suite.name, current, compared, allow) : loadStoredRun(chosen, 'baseline');
  if (!stored) {
    process.stderr.write(`mtgate: no passing run of suite ${suite.name} in ${reportsDir}/history.jsonl yet; vs: baseline gates are skipped this time\n`);
    return undefined;
  }
  return { ...stored, fingerprintDifferences: checkFingerprints(current, stored, compared, allow) };
}

/** A copy of the record with the suite's gates evaluated afresh (and the baseline noted). */
export function regate(run: StoredRun, suite: Suite, baseline: BaselineRun | undefined, now = new Date()): RunRecord {
  const record = run.record;
  const gates = evaluateGates(suite.gates, record, {
    baseline: baseline?.record,
    waivers: suite.waivers,
    quality: suite.measures.quality,
    now,
  });
  const failedGates = gates.filter((g) => g.status === 'fail').map((g) => g.id);
  const erroredCells = record.cells.filter((c) => c.error).length;
  return {
    ...record,
    gates,
    ...(baseline ? { baseline: { run: baseline.record.run.id, path: baseline.path, fingerprintDifferences: baseline.fingerprintDifferences } } : {}),
    waivers: suite.waivers.map((w) => waiverInfo(w, now)),
    outcome: { exitCode: erroredCells ? 3 : failedGates.length ? 1 : 0, failedGates, erroredCells },
  };
}
