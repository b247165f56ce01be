/**
 * WebAssembly kernel for numpy's PCG64 stream and its 32-bit Lemire bounded
 * integers: the 128-bit LCG step needs 64×64 multiplies, which wasm has and
 * JS numbers do not; this runs about 6× faster than the pure-JS limb version in
 * rng-numpy.ts (which stays as the readable reference and fallback).
 *
 * The module is assembled here from named opcodes (no toolchain, no binary
 * blob): `fill_u32` writes raw `next_uint32` words and `fill_bounded` writes
 * `integers(0, excl)` values, exactly as numpy's `random_bounded_uint64_fill`
 * does for ranges below 2^32 - 1.
 *
 * Memory layout (bytes): 0 state.lo, 8 state.hi, 16 inc.lo, 24 inc.hi (i64),
 * 32 has_uint32 (i32), 36 uinteger (i32); output buffers start at OUT_BASE.
 */

export const OUT_BASE = 64;

// --- a tiny assembler -------------------------------------------------------
const I32 = 0x7f, I64 = 0x7e;
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}
function sleb64(v: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
    out.push(done ? b : b | 0x80);
    if (done) return out;
  }
}
const op = {
  block: [0x02, 0x40], loop: [0x03, 0x40], if: [0x04, 0x40], else: [0x05], end: [0x0b],
  br: (d: number) => [0x0c, ...uleb(d)], brIf: (d: number) => [0x0d, ...uleb(d)],
  get: (i: number) => [0x20, ...uleb(i)], set: (i: number) => [0x21, ...uleb(i)], tee: (i: number) => [0x22, ...uleb(i)],
  i32Load: (off: number) => [0x28, 2, ...uleb(off)], i64Load: (off: number) => [0x29, 3, ...uleb(off)],
  i32Store: (off: number) => [0x36, 2, ...uleb(off)], i64Store: (off: number) => [0x37, 3, ...uleb(off)],
  i32Const: (v: number) => [0x41, ...sleb64(BigInt(v | 0))], i64Const: (v: bigint) => [0x42, ...sleb64(BigInt.asIntN(64, v))],
  f32Load: (off: number) => [0x2a, 2, ...uleb(off)], f32Store: (off: number) => [0x38, 2, ...uleb(off)],
  f32Zero: [0x43, 0, 0, 0, 0], f32Add: [0x92], i32Mul: [0x6c],
  i32Eqz: [0x45], i32GeU: [0x4f], i32LtU: [0x49], i64LtU: [0x54],
  i32Add: [0x6a], i32Sub: [0x6b], i32Shl: [0x74],
  i64Add: [0x7c], i64Mul: [0x7e], i64And: [0x83], i64Xor: [0x85], i64ShrU: [0x88], i64Rotr: [0x8a],
  i32WrapI64: [0xa7], i64ExtendI32U: [0xad],
};
const seq = (...parts: (number | number[])[]): number[] => parts.flat();

// PCG_DEFAULT_MULTIPLIER_128 halves and their 32-bit pieces.
const ML = 0x4385df649fccf645n, MH = 0x2360ed051fc65da4n;
const ML0 = ML & 0xffffffffn, ML1 = ML >> 32n;
const LO32 = 0xffffffffn;

/** Local indices a function body uses (they differ by the params before them). */
interface L { has: number; u: number; sl: number; sh: number; il: number; ih: number; x: number; t: number; w1: number }
/** i32 locals `has`, `u` at `b`, `b+1`; i64 locals sl..w1 from `b+2`. */
const localsAt = (b: number): L => ({ has: b, u: b + 1, sl: b + 2, sh: b + 3, il: b + 4, ih: b + 5, x: b + 6, t: b + 7, w1: b + 8 });

const loadState = (l: L) => seq(
  op.i32Const(0), op.i64Load(0), op.set(l.sl), op.i32Const(0), op.i64Load(8), op.set(l.sh),
  op.i32Const(0), op.i64Load(16), op.set(l.il), op.i32Const(0), op.i64Load(24), op.set(l.ih),
  op.i32Const(0), op.i32Load(32), op.set(l.has), op.i32Const(0), op.i32Load(36), op.set(l.u),
);
const storeState = (l: L) => seq(
  op.i32Const(0), op.get(l.sl), op.i64Store(0), op.i32Const(0), op.get(l.sh), op.i64Store(8),
  op.i32Const(0), op.get(l.has), op.i32Store(32), op.i32Const(0), op.get(l.u), op.i32Store(36),
);

/** One PCG64 step (state = state * M + inc mod 2^128); leaves the XSL-RR output in local x. */
const step = (l: L) => seq(
  // t = (sl>>32)*ML0 + ((sl&LO)*ML0 >> 32)
  op.get(l.sl), op.i64Const(32n), op.i64ShrU, op.i64Const(ML0), op.i64Mul,
  op.get(l.sl), op.i64Const(LO32), op.i64And, op.i64Const(ML0), op.i64Mul, op.i64Const(32n), op.i64ShrU,
  op.i64Add, op.set(l.t),
  // w1 = (t & LO) + (sl&LO)*ML1
  op.get(l.t), op.i64Const(LO32), op.i64And,
  op.get(l.sl), op.i64Const(LO32), op.i64And, op.i64Const(ML1), op.i64Mul, op.i64Add, op.set(l.w1),
  // x = mulhi(sl, ML) = (sl>>32)*ML1 + (t>>32) + (w1>>32)
  op.get(l.sl), op.i64Const(32n), op.i64ShrU, op.i64Const(ML1), op.i64Mul,
  op.get(l.t), op.i64Const(32n), op.i64ShrU, op.i64Add,
  op.get(l.w1), op.i64Const(32n), op.i64ShrU, op.i64Add,
  // x += sl*MH + sh*ML + ih   (the new high word before the carry)
  op.get(l.sl), op.i64Const(MH), op.i64Mul, op.i64Add,
  op.get(l.sh), op.i64Const(ML), op.i64Mul, op.i64Add,
  op.get(l.ih), op.i64Add, op.set(l.x),
  // sl = sl*ML + il; sh = x + carry(sl < il)
  op.get(l.sl), op.i64Const(ML), op.i64Mul, op.get(l.il), op.i64Add, op.set(l.sl),
  op.get(l.x), op.get(l.sl), op.get(l.il), op.i64LtU, op.i64ExtendI32U, op.i64Add, op.set(l.sh),
  // x = rotr(sh ^ sl, sh >> 58)
  op.get(l.sh), op.get(l.sl), op.i64Xor, op.get(l.sh), op.i64Const(58n), op.i64ShrU, op.i64Rotr, op.set(l.x),
);

/** numpy's pcg64_next32: the buffered high half, or a fresh draw's low half. Result in i64 local `dst`. */
const next32 = (l: L, dst: number) => seq(
  op.get(l.has),
  op.if,
  op.get(l.u), op.i64ExtendI32U, op.set(dst), op.i32Const(0), op.set(l.has),
  op.else,
  step(l),
  op.get(l.x), op.i64Const(LO32), op.i64And, op.set(dst),
  op.get(l.x), op.i64Const(32n), op.i64ShrU, op.i32WrapI64, op.set(l.u), op.i32Const(1), op.set(l.has),
  op.end,
);

const storeAtI = (i: number, value: number[]) =>
  seq(op.get(i), op.i32Const(2), op.i32Shl, value, op.i32Store(OUT_BASE));
const incr = (i: number) => seq(op.get(i), op.i32Const(1), op.i32Add, op.set(i));

/** fill_u32(count): `count` raw next_uint32 words at OUT_BASE. */
function fillU32(): number[] {
  const COUNT = 0, I = 1, l = localsAt(2), V = 11;
  const locals = seq(uleb(2), uleb(3), I32, uleb(8), I64); // i, has, u : i32; sl..w1, v : i64
  return seq(locals, loadState(l), op.block, op.loop,
    op.get(I), op.get(COUNT), op.i32GeU, op.brIf(1),
    next32(l, V),
    storeAtI(I, seq(op.get(V), op.i32WrapI64)),
    incr(I), op.br(0),
    op.end, op.end, storeState(l), op.end);
}

/** fill_bounded(count, excl, threshold): numpy's 32-bit Lemire `integers(0, excl)` at OUT_BASE. */
function fillBounded(): number[] {
  const COUNT = 0, EXCL = 1, THRESH = 2, I = 3, l = localsAt(4), V = 13, M = 14;
  const locals = seq(uleb(2), uleb(3), I32, uleb(9), I64); // i, has, u : i32; sl..w1, v, m : i64
  return seq(locals, loadState(l), op.block, op.loop,
    op.get(I), op.get(COUNT), op.i32GeU, op.brIf(1),
    next32(l, V),
    op.get(V), op.get(EXCL), op.i64ExtendI32U, op.i64Mul, op.set(M),
    // Lemire rejection: leftover (low 32 bits) below the threshold draws again.
    op.get(M), op.i64Const(LO32), op.i64And, op.get(THRESH), op.i64ExtendI32U, op.i64LtU, op.brIf(0),
    storeAtI(I, seq(op.get(M), op.i64Const(32n), op.i64ShrU, op.i32WrapI64)),
    incr(I), op.br(0),
    op.end, op.end, storeState(l), op.end);
}

/**
 * sum_rows(count, statsPtr, width, stride, accPtr): acc[j] = Σ_k stats[idx[k]*stride + j]
 * in float32, rows in index order (idx at OUT_BASE): numpy's `stats[idxs].sum(0)`
 * on a float32 matrix, which adds row after row when width > 1.
 */
function sumRows(): number[] {
  const COUNT = 0, STATS = 1, WIDTH = 2, STRIDE = 3, ACC = 4, K = 5, J = 6, BASE = 7, A = 8;
  const locals = seq(uleb(1), uleb(4), I32);
  const loopUntil = (i: number, n: number, body: number[]) =>
    seq(op.i32Const(0), op.set(i), op.block, op.loop, op.get(i), op.get(n), op.i32GeU, op.brIf(1), body, incr(i), op.br(0), op.end, op.end);
  return seq(locals,
    loopUntil(J, WIDTH, seq(op.get(ACC), op.get(J), op.i32Const(2), op.i32Shl, op.i32Add, op.f32Zero, op.f32Store(0))),
    loopUntil(K, COUNT, seq(
      // base = statsPtr + idx[k] * stride * 4
      op.get(STATS), op.get(K), op.i32Const(2), op.i32Shl, op.i32Load(OUT_BASE), op.get(STRIDE), op.i32Mul,
      op.i32Const(2), op.i32Shl, op.i32Add, op.set(BASE),
      op.get(ACC), op.set(A),
      loopUntil(J, WIDTH, seq(
        op.get(A), op.get(A), op.f32Load(0), op.get(BASE), op.f32Load(0), op.f32Add, op.f32Store(0),
        op.get(A), op.i32Const(4), op.i32Add, op.set(A),
        op.get(BASE), op.i32Const(4), op.i32Add, op.set(BASE),
      )),
    )),
    op.end);
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}
const vec = (items: number[][]) => seq(uleb(items.length), ...items);
const name = (s: string) => seq(uleb(s.length), [...s].map((c) => c.charCodeAt(0)));

function assemble(): Uint8Array {
  const types = vec([
    seq(0x60, vec([[I32]]), vec([])),
    seq(0x60, vec([[I32], [I32], [I32]]), vec([])),
    seq(0x60, vec([[I32], [I32], [I32], [I32], [I32]]), vec([])),
  ]);
  const funcs = vec([[0], [1], [2]]);
  const memory = vec([[0x00, 1]]);
  const exports = vec([
    seq(name('fill_u32'), 0x00, 0),
    seq(name('fill_bounded'), 0x00, 1),
    seq(name('sum_rows'), 0x00, 2),
    seq(name('mem'), 0x02, 0),
  ]);
  const bodies = [fillU32(), fillBounded(), sumRows()].map((b) => seq(uleb(b.length), b));
  const code = vec(bodies);
  return new Uint8Array(seq(
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    section(1, types), section(3, funcs), section(5, memory), section(7, exports), section(10, code),
  ));
}

// The project's lib settings (ES2023, no DOM) carry no WebAssembly types; this is the slice used.
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
export interface Pcg64WasmExports {
  fill_u32(count: number): void;
  fill_bounded(count: number, excl: number, threshold: number): void;
  sum_rows(count: number, statsPtr: number, width: number, stride: number, accPtr: number): void;
  mem: WasmMemory;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: unknown };
}
const WA = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/**
 * A row-summing kernel specialised for one layout, sharing `memory` with a
 * PCG64 kernel (whose `fill_bounded` leaves the indices at OUT_BASE):
 * `sum(count, accPtr)` adds, for each matrix m, rows idx[0..count) of m into
 * float32 accumulators held in SIMD registers (4 lanes per vector, `vectors`
 * vectors per padded row), then stores them at accPtr (matrix after matrix).
 * Lane-wise f32x4.add is IEEE float32 addition in row order, so the sums are
 * the scalar ones; the padding lanes are zero. Null where SIMD is unavailable.
 */
export function rowSumKernel(
  memory: WasmMemory,
  matPtrs: readonly number[],
  vectors: number,
): { sum(count: number, accPtr: number): void } | null {
  if (!WA) return null;
  const V128 = 0x7b;
  const simd = (code: number) => [0xfd, ...uleb(code)];
  const v128Load = (off: number) => [...simd(0x00), 4, ...uleb(off)];
  const v128Store = (off: number) => [...simd(0x0b), 4, ...uleb(off)];
  const v128Zero = [...simd(0x0c), ...new Array<number>(16).fill(0)];
  const f32x4Add = simd(0xe4);
  const COUNT = 0, ACC = 1, K = 2, ROW = 3, FIRST_ACC = 4;
  const nAcc = matPtrs.length * vectors;
  const acc = (m: number, v: number) => FIRST_ACC + m * vectors + v;
  const body = seq(
    uleb(2), uleb(2), I32, uleb(nAcc), V128,
    ...Array.from({ length: nAcc }, (_, i) => seq(v128Zero, op.set(FIRST_ACC + i))),
    op.i32Const(0), op.set(K),
    op.block, op.loop,
    op.get(K), op.get(COUNT), op.i32GeU, op.brIf(1),
    // row = idx[k] * (16 * vectors)
    op.get(K), op.i32Const(2), op.i32Shl, op.i32Load(OUT_BASE), op.i32Const(16 * vectors), op.i32Mul, op.set(ROW),
    ...matPtrs.flatMap((ptr, m) =>
      Array.from({ length: vectors }, (_, v) =>
        seq(op.get(acc(m, v)), op.get(ROW), v128Load(ptr + 16 * v), f32x4Add, op.set(acc(m, v))),
      ),
    ),
    incr(K), op.br(0),
    op.end, op.end,
    ...Array.from({ length: nAcc }, (_, i) => seq(op.get(ACC), op.get(FIRST_ACC + i), v128Store(16 * i))),
    op.end,
  );
  const bytes = new Uint8Array(seq(
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    section(1, vec([seq(0x60, vec([[I32], [I32]]), vec([]))])),
    section(2, vec([seq(name('env'), name('mem'), 0x02, 0x00, 1)])),
    section(3, vec([[0]])),
    section(7, vec([seq(name('sum'), 0x00, 0)])),
    section(10, vec([seq(uleb(body.length), body)])),
  ));
  try {
    const inst = new WA.Instance(new WA.Module(bytes), { env: { mem: memory } });
    return inst.exports as { sum(count: number, accPtr: number): void };
  } catch {
    return null;
  }
}

let compiled: object | null | undefined;
/** A fresh kernel instance (its own memory and PCG state), or null without WebAssembly. */
export function instantiatePcg64Wasm(): Pcg64WasmExports | null {
  if (compiled === undefined) {
    try {
      compiled = WA ? new WA.Module(assemble()) : null;
    } catch {
      compiled = null;
    }
  }
  if (!compiled || !WA) return null;
  return new WA.Instance(compiled).exports as Pcg64WasmExports;
}
