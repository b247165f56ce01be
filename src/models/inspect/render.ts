/** `mtgate inspect` as text for a terminal. */
import type { InspectedTensor, InspectReport } from './inspect.js';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

const tensor = (t: InspectedTensor) => `${t.name} ${t.elementType}[${t.shape.join(',')}]`;

function histogram(h: Record<string, number>, top: number): string {
  const entries = Object.entries(h).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = entries.slice(0, top).map(([k, v]) => `${k} ${v}`);
  return entries.length > top ? `${shown.join(', ')}, … (${entries.length - top} more)` : shown.join(', ');
}

export function renderInspect(r: InspectReport): string {
  const out: string[] = [];
  out.push(`${r.dir}`, `  layout       ${r.layout} (${r.format})`, `  compression  ${r.compression.label}  [from ${r.compression.source}]`);
  if (r.compression.nncf) {
    const wc = r.compression.nncf;
    const keys = ['mode', 'group_size', 'ratio', 'backup_mode', 'all_layers', 'awq', 'scale_estimation', 'gptq', 'sensitivity_metric'];
    out.push(`  nncf         ${keys.filter((k) => k in wc).map((k) => `${k}=${wc[k]}`).join(' ')}`);
  }
  if (r.compression.versions) out.push(`  versions     ${Object.entries(r.compression.versions).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  out.push(`  files        ${formatBytes(r.totalBytes)} in all`);
  const w = Math.max(...r.files.map((f) => f.role.length));
  for (const f of r.files) out.push(`    ${f.role.padEnd(w)}  ${formatBytes(f.bytes).padStart(10)}  ${f.path}`);
  for (const g of r.graphs) {
    out.push(`  ${g.role} (${g.file.split(/[\\/]/).pop()}): ${g.compression}`);
    out.push(`    inputs   ${g.inputs.map(tensor).join('; ')}`);
    out.push(`    outputs  ${g.outputs.map(tensor).join('; ')}`);
    const weights = Object.entries(g.weights)
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .map(([t, s]) => `${t} ${s.count} (${formatBytes(s.bytes)})`);
    out.push(`    weights  ${weights.join(', ') || 'none'}`);
    if (g.quantization) {
      const q = g.quantization;
      const parts = [
        q.dequantizeLinear ? `DequantizeLinear ${q.dequantizeLinear}${Object.keys(q.dequantizeTypes).length ? ` (${Object.entries(q.dequantizeTypes).map(([t, n]) => `${t} ${n}`).join(', ')})` : ''}` : '',
        q.matMulNBits ? `MatMulNBits ${q.matMulNBits} (bits ${q.bits.join('/')}, block ${q.blockSizes.join('/') || '?'})` : '',
        q.matMulInteger ? `MatMulInteger ${q.matMulInteger}` : '',
        q.qLinearMatMul ? `QLinearMatMul ${q.qLinearMatMul}` : '',
      ].filter(Boolean);
      out.push(`    quant    ${parts.join(', ') || 'none'}`);
    }
    if (g.stateVariables) out.push(`    state    ${g.stateVariables} variables (KV cache held as state)`);
    out.push(`    ops      ${histogram(g.ops, 8)}`);
  }
  for (const p of r.problems) out.push(`  PROBLEM  ${p}`);
  return out.join('\n');
}
