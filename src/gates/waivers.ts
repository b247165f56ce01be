/**
 * Sign-off waivers: inline in the suite (`waivers: [...]`) or in a separate
 * YAML file (`waivers: waivers.yaml`, a list), so release owners can edit them
 * without touching the suite. A waiver covers one rule and a scope; it waives
 * through the end of its expiry day (UTC) and then stops, visibly.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { LineCounter, parseDocument } from 'yaml';
import { UsageError } from '../errors.js';
import type { PathSegment } from '../suite/diagnostics.js';
import { suiteSchema } from '../suite/schema.js';
import type { Waiver } from '../suite/types.js';
import { matchesAny } from './patterns.js';
import type { WaiverInfo } from './types.js';

export interface RawWaiver {
  id?: string;
  rule: string;
  variants?: string | string[];
  pairs?: string | string[];
  devices?: string | string[];
  reason: string;
  owner: string;
  expires: string;
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? ['*'] : Array.isArray(v) ? v : [v]);

function validDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function readWaiverFile(path: string): { list: RawWaiver[]; where: (i: number) => string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`${path}: waivers file not found; "waivers:" names a YAML list of waivers relative to the suite file`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors[0]) {
    const { line, col } = lines.linePos(doc.errors[0].pos[0]);
    throw new UsageError(`${path}:${line}:${col}: YAML syntax error: ${doc.errors[0].message.split('\n')[0]}; fix the YAML`);
  }
  const data = (doc.toJS() as unknown) ?? [];
  if (!Array.isArray(data)) throw new UsageError(`${path}: a waivers file is a YAML list of waivers (rule, reason, owner, expires, optional scope)`);
  const validate = new Ajv2020({ strict: false, allErrors: false }).addSchema(suiteSchema).getSchema(`${String((suiteSchema as { $id?: string }).$id)}#/$defs/waiver`)!;
  data.forEach((w, i) => {
    if (!validate(w)) {
      const e = validate.errors?.[0];
      const field = e?.instancePath.replace(/^\//, '').replace(/\//g, '.') || (e?.params as { missingProperty?: string; additionalProperty?: string })?.missingProperty || '';
      const extra = (e?.params as { additionalProperty?: string })?.additionalProperty;
      throw new UsageError(
        `${path}: waiver ${i + 1}${field ? ` field ${field}` : ''}: ${extra ? `unknown field "${extra}"` : e?.message ?? 'invalid'}; a waiver has rule, reason, owner, expires (YYYY-MM-DD) and optional id, variants, pairs, devices`,
      );
    }
  });
  return { list: data as RawWaiver[], where: (i) => `${path}: waiver ${i + 1}` };
}

/** Resolved waivers of a suite; `fail` reports a problem at a suite path (inline waivers). */
export function loadWaivers(
  raw: string | RawWaiver[] | undefined,
  base: string,
  gateIds: readonly string[],
  fail: (path: PathSegment[], message: string) => never,
): Waiver[] {
  if (raw === undefined) return [];
  const fromFile = typeof raw === 'string' ? readWaiverFile(resolve(base, raw)) : undefined;
  const list = fromFile?.list ?? (raw as RawWaiver[]);
  const problem = (i: number, field: string, message: string): never => {
    if (fromFile) throw new UsageError(`${fromFile.where(i)} field ${field}: ${message}`);
    return fail(['waivers', i, field], message);
  };
  return list.map((w, i) => {
    if (!gateIds.includes(w.rule)) problem(i, 'rule', `no gate has id "${w.rule}"; gates: ${gateIds.join(', ') || '(none)'}`);
    if (!validDate(w.expires)) problem(i, 'expires', `"${w.expires}" is not a calendar date; write YYYY-MM-DD`);
    return {
      id: w.id ?? `${w.rule}#${i + 1}`,
      rule: w.rule,
      variants: asList(w.variants),
      pairs: asList(w.pairs),
      devices: asList(w.devices),
      reason: w.reason,
      owner: w.owner,
      expires: w.expires,
    };
  });
}

/** Active through the end of the expiry day, UTC. */
export function waiverState(w: Waiver, now: Date): 'active' | 'expired' {
  return now.toISOString().slice(0, 10) <= w.expires ? 'active' : 'expired';
}

export function waiverInfo(w: Waiver, now: Date): WaiverInfo {
  return { ...w, state: waiverState(w, now) };
}

/**
 * The waiver that covers a check, preferring an active one; an expired one is
 * returned too so the report can say it expired.
 */
export function findWaiver(
  waivers: readonly Waiver[],
  rule: string,
  at: { variant: string; pair?: string; device?: string },
  now: Date,
): WaiverInfo | undefined {
  const covering = waivers.filter(
    (w) =>
      w.rule === rule &&
      matchesAny(at.variant, w.variants) &&
      (at.pair === undefined ? true : matchesAny(at.pair, w.pairs)) &&
      matchesAny(at.device ?? '', w.devices),
  );
  const active = covering.find((w) => waiverState(w, now) === 'active');
  const chosen = active ?? covering[0];
  return chosen && waiverInfo(chosen, now);
}
