/**
 * Browser tests: boots an isolated copy of the platform (own ports, own data dir under .data/e2e) as `npm start`
 * does — real Postgres, Redis, the workerd API worker — but with the web app as its production build (nitro
 * cloudflare_module, served by workerd; FAIRLINE_WEB_MODE=dev uses `vite dev` instead), runs Playwright in
 * Debian's Chromium, then stops everything.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, repoRoot } from '@fairline/local/paths';
import { waitForHttp } from '@fairline/local/wait';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`e2e: ${chromium} not found — install Debian's chromium (apt-get install chromium)`);
  process.exit(1);
}
// Ports and data dir can be moved (FAIRLINE_E2E_*) so two checkouts or sessions on one machine do not collide.
const apiPort = process.env.FAIRLINE_E2E_API_PORT ?? '8887';
const webPort = process.env.FAIRLINE_E2E_WEB_PORT ?? '3100';
const stackDir = join(dataDir, process.env.FAIRLINE_E2E_DIR ?? 'e2e');
rmSync(stackDir, { recursive: true, force: true });
const env = {
  ...process.env,
  FAIRLINE_STACK_DIR: stackDir,
  FAIRLINE_STACK_PORT_BASE: process.env.FAIRLINE_E2E_PORT_BASE ?? '56530',
  FAIRLINE_API_PORT: apiPort,
  FAIRLINE_WEB_PORT: webPort,
  // Test the production path: the built web worker under workerd, API reached through its service binding.
  FAIRLINE_WEB_MODE: process.env.FAIRLINE_WEB_MODE ?? 'built',
};
const platform = spawn('tsx', [join(repoRoot, 'scripts/start.ts')], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
platform.stdout!.on('data', (c: Buffer) => {
  output += c.toString();
  if (process.env.FAIRLINE_E2E_VERBOSE) process.stdout.write(c);
});

let code = 1;
try {
  await Promise.race([
    (async () => {
      await waitForHttp(`http://127.0.0.1:${apiPort}/health`, 180_000);
      await waitForHttp(`http://127.0.0.1:${webPort}/`, 180_000);
    })(),
    new Promise((_, reject) => platform.once('exit', (c) => reject(new Error(`platform exited early (${c})\n${output}`)))),
  ]);
  // Extra arguments go to Playwright (`npm run test:e2e -- e2e/pages.spec.ts -g home`).
  const r = spawnSync('playwright', ['test', ...process.argv.slice(2)], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...env, FAIRLINE_WEB_URL: `http://127.0.0.1:${webPort}`, FAIRLINE_API_URL: `http://127.0.0.1:${apiPort}` },
  });
  code = r.status ?? 1;
} catch (err) {
  console.error(String(err));
} finally {
  platform.kill('SIGTERM');
  await new Promise((r) => platform.once('exit', r));
}
process.exit(code);
