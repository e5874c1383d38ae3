// Loads the XGBoost golden files made by ml/test/golden/gbdt/make_xgboost_golden.py.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '../golden/gbdt');

export function goldenText(name: string): string {
  return readFileSync(path.join(dir, name), 'utf8');
}

export interface ImportCase {
  predict: number[];
  margin: number[];
  leaf: number[][];
  contribs: number[][];
  importance: Record<'weight' | 'gain' | 'cover' | 'total_gain' | 'total_cover', Record<string, number>>;
}

export interface Golden {
  xgboost: string;
  import: { X: (number | null)[][]; featureNames: string[]; reg: ImportCase; binary: ImportCase };
  more: { X: (number | null)[][]; multi: { predict: number[]; contribs: number[][] }; poisson: { predict: number[]; contribs: number[][] } };
  parity: {
    X: number[][];
    y: number[];
    baseScore: number;
    params: { trees: number; maxDepth: number; learningRate: number; lambda: number; minChildWeight: number; maxBins: number };
    predict: number[];
  };
}

export const golden: Golden = JSON.parse(goldenText('expected.json'));
