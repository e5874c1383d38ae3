/**
 * The API worker frozen for one benchmark run: bundled once (`wrangler deploy --dry-run --outdir`, the same esbuild
 * build a deploy uploads) and served by `wrangler dev` from that bundle with a copy of wrangler.toml whose `main` is
 * the bundle and `no_bundle = true`. `wrangler dev` on the source reloads whenever anyone saves worker/src — on a
 * working tree shared by several people that cut the bench's 1,000 sockets mid-run (and a reload changes the user
 * worker's address) — while a frozen bundle measures exactly one version of the code from start to end.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The environment of every `wrangler dev` a benchmark starts (stack files under `stackDir`): no metrics or network
 * lookups, and X_LOCAL_OBSERVABILITY=false — wrangler dev attaches miniflare's local trace collector (a dev dashboard
 * feature) to each worker by default; on the API it fails on every request ("Cannot perform I/O on behalf of a
 * different request") and logs a stack trace each time, a dev-only cost in the measured process that production
 * (logs collected out of band) and the hello-world peer do not pay.
 */
export function benchWranglerEnv(stackDir: string): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', X_LOCAL_OBSERVABILITY: 'false', WRANGLER_REGISTRY_PATH: join(stackDir, 'registry') };
}

/**
 * Bundles the worker of `repoRoot/wrangler.toml` into `dir` and writes `dir/wrangler.toml` serving it; answers that
 * config's path (pass it to `wrangler dev --config`). Throws with wrangler's output when the build fails.
 */
export function freezeWorker(repoRoot: string, dir: string, env: NodeJS.ProcessEnv): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const build = spawnSync('wrangler', ['deploy', '--dry-run', '--outdir', dir], { cwd: repoRoot, env, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`bench:api: bundling the worker failed:\n${build.stdout}\n${build.stderr}`);
  const source = readFileSync(join(repoRoot, 'wrangler.toml'), 'utf8');
  const lines: string[] = [];
  let inAlias = false;
  for (const line of source.split('\n')) {
    if (/^\[/.test(line)) inAlias = line.trim() === '[alias]'; // bundling-only; the bundle already has its aliases
    if (inAlias) continue;
    if (/^main\s*=/.test(line)) lines.push('main = "index.js"', 'no_bundle = true');
    else lines.push(line);
  }
  if (!lines.includes('no_bundle = true')) throw new Error('bench:api: wrangler.toml has no top-level `main` to replace');
  const config = join(dir, 'wrangler.toml');
  writeFileSync(config, lines.join('\n'));
  return config;
}
