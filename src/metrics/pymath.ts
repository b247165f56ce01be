/**
 * `math.exp` / `math.log` as CPython computes them. Placeholder: V8's fdlibm
 * port; see the note in the module that replaces it.
 */
export const pyExp: (x: number) => number = Math.exp;
export const pyLog: (x: number) => number = Math.log;
