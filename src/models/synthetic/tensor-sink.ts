/**
 * Where initializer bytes go. Small tensors stay inside the .onnx protobuf;
 * large ones are appended to an ONNX external-data file beside it as they are
 * made, so a multi-gigabyte model is never held in memory (and protobuf's
 * 2 GB limit never applies). Offsets are 64 KiB-aligned so ONNX Runtime can
 * map them. A tensor written once (by name) is referenced again, not copied:
 * optimum's decoder_model and decoder_with_past_model share one data file.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DataTypeId, GraphBuilder } from '../onnx/graph-builder.js';

const ALIGN = 65536;

export interface Placement {
  location: string;
  offset: number;
  length: number;
}

export class TensorSink {
  private readonly files = new Map<string, { fd: number; size: number }>();
  private readonly placed = new Map<string, Placement | Uint8Array>();
  bytesWritten = 0;

  /** `externalMinBytes`: tensors this large or larger go to the data file; Infinity keeps all inline. */
  constructor(
    private readonly dir: string,
    private readonly externalMinBytes: number,
  ) {}

  /**
   * Registers `name` on builder `b`, making its bytes with `make` only the first
   * time the sink sees the name (per data file).
   */
  put(b: GraphBuilder, location: string, name: string, dataType: DataTypeId, dims: readonly number[], make: () => Uint8Array): string {
    const key = `${location}\u0000${name}`;
    let where = this.placed.get(key);
    if (!where) {
      const bytes = make();
      where = bytes.byteLength >= this.externalMinBytes ? this.append(location, bytes) : bytes;
      this.placed.set(key, where);
    }
    return b.rawInitializer(name, dataType, dims, where);
  }

  private append(location: string, bytes: Uint8Array): Placement {
    let file = this.files.get(location);
    if (!file) {
      file = { fd: openSync(join(this.dir, location), 'w'), size: 0 };
      this.files.set(location, file);
    }
    const offset = Math.ceil(file.size / ALIGN) * ALIGN;
    let done = 0;
    while (done < bytes.byteLength) done += writeSync(file.fd, bytes, done, bytes.byteLength - done, offset + done);
    file.size = offset + bytes.byteLength;
    this.bytesWritten += bytes.byteLength;
    return { location, offset, length: bytes.byteLength };
  }

  close(): void {
    for (const f of this.files.values()) closeSync(f.fd);
    this.files.clear();
  }
}
