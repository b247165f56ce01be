/**
 * Runs from several machines (a CI matrix of devices) combined into one
 * record: variants keep their ids unless two runs share one, then each gains
 * a qualifier that tells the runs apart (`int8@NPU`, else the CPU model, else
 * the run id). Cells, gate checks and hypotheses follow the renamed ids.
 */
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { worstVerdict, type GateResult } from '../gates/types.js';
import type { StoredRun } from './baseline.js';
import type { RunRecord } from './record.js';

const slug = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'x';

/** For each run, old variant id → merged id. */
export function qualifiedIds(runs: readonly RunRecord[]): Map<string, string>[] {
  const owners = new Map<string, number[]>();
  runs.forEach((r, i) => r.variants.forEach((v) => owners.set(v.id, [...(owners.get(v.id) ?? []), i])));
  return runs.map((r, i) =>
    new Map(
      r.variants.map((v) => {
        const sharing = owners.get(v.id)!;
        if (sharing.length === 1) return [v.id, v.id];
        const device = (k: number) => runs[k].variants.find((x) => x.id === v.id)!.device;
        const cpu = (k: number) => runs[k].environment.cpu;
        const distinct = (f: (k: number) => string) => new Set(sharing.map(f)).size === sharing.length;
        const q = distinct(device) ? device(i) : distinct(cpu) ? slug(cpu(i)) : runs[i].run.id;
        return [v.id, `${v.id}@${slug(q)}`];
      }),
    ),
  );
}

export function mergeRuns(stored: readonly StoredRun[], outFolder: string): RunRecord {
  if (stored.length < 2) throw new UsageError('merge needs at least two runs');
  const runs = stored.map((s) => s.record);
  const ids = qualifiedIds(runs);
  const first = runs[0];
  const datasets = new Map<string, RunRecord['datasets'][number]>();
  for (const r of runs) {
    for (const d of r.datasets) {
      const seen = datasets.get(d.id);
      if (seen && (seen.pair !== d.pair || seen.lines !== d.lines)) {
        throw new UsageError(`dataset ${d.id} differs between runs (${seen.pair}, ${seen.lines} lines vs ${d.pair}, ${d.lines} lines); merge runs of the same data`);
      }
      datasets.set(d.id, seen ?? d);
    }
  }
  const gates = new Map<string, GateResult>();
  runs.forEach((r, i) => {
    for (const g of r.gates) {
      const checks = g.checks.map((c) => ({ ...c, variant: ids[i].get(c.variant) ?? c.variant }));
      const prev = gates.get(g.id);
      const all = [...(prev?.checks ?? []), ...checks];
      gates.set(g.id, { ...(prev ?? g), checks: all, status: worstVerdict(all.map((c) => c.status)) });
    }
  });
  // Hypotheses follow their variants, so paired tests and diff work on the merged folder.
  stored.forEach((s, i) => {
    for (const [old, merged] of ids[i]) {
      const from = join(s.folder, 'hypotheses', old);
      if (existsSync(from)) cpSync(from, join(outFolder, 'hypotheses', merged), { recursive: true });
    }
  });
  const gateList = [...gates.values()];
  const failedGates = gateList.filter((g) => g.status === 'fail').map((g) => g.id);
  const erroredCells = runs.reduce((n, r) => n + r.cells.filter((c) => c.error).length, 0);
  const times = runs.map((r) => r.run);
  const startedAt = times.map((t) => t.startedAt).sort()[0];
  const finishedAt = times.map((t) => t.finishedAt).sort().at(-1)!;
  const reference = ids[0].get(first.suite.reference) ?? first.suite.reference;
  return {
    ...first,
    run: { id: `merged-${first.suite.name}-${runs.length}-runs`, startedAt, finishedAt, durationMs: Date.parse(finishedAt) - Date.parse(startedAt), folder: outFolder },
    suite: { ...first.suite, reference },
    variants: runs.flatMap((r, i) =>
      r.variants.map((v) => ({ ...v, id: ids[i].get(v.id)!, isReference: i === 0 && v.isReference })),
    ),
    datasets: [...datasets.values()],
    cells: runs.flatMap((r, i) => r.cells.map((c) => ({ ...c, variant: ids[i].get(c.variant) ?? c.variant }))),
    gates: gateList,
    mergedFrom: stored.map((s, i) => ({ run: runs[i].run.id, path: s.path, machine: `${runs[i].environment.cpu} · ${runs[i].environment.os}` })),
    outcome: { exitCode: erroredCells ? 3 : failedGates.length ? 1 : 0, failedGates, erroredCells },
  };
}
