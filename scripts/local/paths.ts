// Where the local stand-ins keep their state. `.data/` is git-ignored; `npm start` reuses it across runs.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const dataDir = join(repoRoot, '.data');
export const sharedDataDir = resolve(repoRoot, '../shared/data');
