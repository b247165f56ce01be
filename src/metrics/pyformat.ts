/**
 * Python's `f'{x:.{digits}f}'`. JS `toFixed` agrees except on exact binary
 * ties (e.g. 12.25 → Python '12.2', JS '12.3'): Python rounds those half to
 * even. Ties are exactly the values x = M / 2^(digits+1) with M odd.
 */
export function pyFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const negative = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let body: string;
  const t = a * 2 ** (digits + 1);
  if (a < 2 ** 52 && Number.isInteger(t) && t % 2 === 1) {
    // a * 10^digits = t * 5^digits / 2 exactly; pick the even neighbour.
    const twice = BigInt(t) * 5n ** BigInt(digits);
    const lo = (twice - 1n) / 2n;
    const q = lo % 2n === 0n ? lo : lo + 1n;
    const s = q.toString().padStart(digits + 1, '0');
    body = digits > 0 ? `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}` : s;
  } else {
    body = a.toFixed(digits);
  }
  return negative ? `-${body}` : body;
}
