import type { DenseMatrix, FeatureMatrix } from './types.ts';

/** Normalise either input layout to a dense row-major Float64Array (null → NaN). Dense input is not copied. */
export function toDense(x: FeatureMatrix, expectedCols?: number): DenseMatrix {
  let m: DenseMatrix;
  if (isDense(x)) {
    if (x.values.length !== x.rows * x.cols) {
      throw new Error(`gbdt: dense matrix has ${x.values.length} values, expected rows*cols = ${x.rows * x.cols}`);
    }
    m = x;
  } else {
    const rows = x.length;
    const cols = rows > 0 ? x[0]!.length : (expectedCols ?? 0);
    const values = new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      const row = x[r]!;
      if (row.length !== cols) throw new Error(`gbdt: row ${r} has ${row.length} values, expected ${cols}`);
      const base = r * cols;
      for (let j = 0; j < cols; j++) {
        const v = row[j];
        values[base + j] = v === null || v === undefined ? NaN : v;
      }
    }
    m = { values, rows, cols };
  }
  if (expectedCols !== undefined && m.cols !== expectedCols && m.rows > 0) {
    throw new Error(`gbdt: matrix has ${m.cols} features, the model expects ${expectedCols}`);
  }
  return m;
}

function isDense(x: FeatureMatrix): x is DenseMatrix {
  return !Array.isArray(x) && (x as DenseMatrix).values instanceof Float64Array;
}

/**
 * 32-bit FNV-1a over the bytes of the feature values and labels: a cheap fingerprint that tells whether two
 * models were trained on the same data (stored in the artifact, not a security hash).
 */
export function fingerprint(x: DenseMatrix, label: ArrayLike<number>): string {
  let h = 0x811c9dc5;
  const mix = (arr: Float64Array) => {
    const words = new Uint32Array(arr.buffer, arr.byteOffset, arr.length * 2);
    for (let i = 0; i < words.length; i++) {
      h ^= words[i]!;
      h = Math.imul(h, 0x01000193);
    }
  };
  mix(x.values);
  mix(Float64Array.from(label));
  h ^= x.rows;
  h = Math.imul(h, 0x01000193);
  h ^= x.cols;
  h = Math.imul(h, 0x01000193);
  return `fnv1a32:${(h >>> 0).toString(16).padStart(8, '0')}:${x.rows}x${x.cols}`;
}
