#!/usr/bin/env node
// Runs on whatever Node the machine has (20+). Makes sure npm dependencies (and with them Node 24,
// a devDependency) are installed, then hands over to `npm run <task>`, whose PATH puts the project's
// Node 24 first. This is why `npm start` and `npm test` work right after `git clone`.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { postgresReachProblem } from './local/reachable.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const task = process.argv[2];
if (!task) {
  console.error('usage: node scripts/bootstrap.mjs <npm-script>');
  process.exit(2);
}

function needsInstall() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(join(root, 'node_modules', '.bin', 'node')) || !existsSync(marker)) return true;
  const lock = join(root, 'package-lock.json');
  return existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000;
}

// The embedded Postgres (npm start, npm test, the CLI) runs as the `postgres` user when we are root: stop at once
// with what to do when it cannot enter this checkout, before installing anything.
const reachProblem = postgresReachProblem([join(root, '.data'), join(root, 'node_modules')]);
if (reachProblem) {
  console.error(reachProblem);
  process.exit(1);
}

if (needsInstall()) {
  console.log('[fairline] installing npm dependencies (first run) …');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const r = spawnSync('npm', ['run', '--silent', task, '--', ...process.argv.slice(3)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
